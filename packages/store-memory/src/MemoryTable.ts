import { isDeepStrictEqual } from 'node:util';
import type { InsertResult } from '@flexroll/core';
import { deepFreeze, frozenCopy, withoutUndefined } from './frozenCopy.js';

/**
 * A map of records with unique keys. A row is copied and deep-frozen on the way in, and handed out as it is held:
 * nobody can change what the store holds (the isolation a database gives) and a read costs no copy. Every method
 * yields to the event loop first, so concurrent callers interleave as they would against a real server.
 */
export class MemoryTable<T extends object> {
  readonly #rows = new Map<string, T>();
  /** Each secondary unique index: the value's function and, for each value taken, the row's key. */
  readonly #uniques: ReadonlyArray<{ readonly valueOf: (row: T) => string; readonly taken: Map<string, string> }>;

  /** `copy` makes the stored copy: a deep frozen copy, or a cheaper one for rows whose fields are all scalars. */
  constructor(private readonly keyOf: (row: T) => string, uniques: ReadonlyArray<(row: T) => string> = [], private readonly copy: (row: T) => T = frozenCopy) {
    this.#uniques = uniques.map((valueOf) => ({ valueOf, taken: new Map<string, string>() }));
  }

  async insert(row: T): Promise<InsertResult> {
    await tick();
    const key = this.keyOf(row);
    if (this.#rows.has(key) || this.#uniques.some(({ valueOf, taken }) => taken.has(valueOf(row)))) return 'duplicate';
    for (const { valueOf, taken } of this.#uniques) taken.set(valueOf(row), key);
    this.#rows.set(key, this.copy(row));
    return 'inserted';
  }

  async get(key: string): Promise<T | undefined> {
    await tick();
    return this.#rows.get(key);
  }

  /** The row under a key, without the round trip: for a read that has already taken its one (a walk of a list). */
  getNow(key: string): T | undefined {
    return this.#rows.get(key);
  }

  /** The row holding a value of the `index`-th unique index (in the order given to the constructor). */
  async getByUnique(index: number, value: string): Promise<T | undefined> {
    await tick();
    const key = this.#uniques[index]?.taken.get(value);
    return key === undefined ? undefined : this.#rows.get(key);
  }

  async find(predicate: (row: T) => boolean): Promise<T[]> {
    await tick();
    return [...this.#rows.values()].filter(predicate);
  }

  /** Replaces or adds a row; callers use it only for rows whose unique values do not change. */
  async put(row: T): Promise<void> {
    await this.putUnless(row, () => false);
  }

  /**
   * Like put, unless `keepStored(stored)` says the row held is to stay; checked and written in one step. False if kept.
   * `adopt`: keep the row itself, frozen, instead of a frozen copy — for rows their writer built for this write and
   * never changes afterwards (the core's projections), where a deep copy of every write would be pure cost.
   */
  async putUnless(row: T, keepStored: (stored: T) => boolean, options: { readonly adopt?: boolean } = {}): Promise<boolean> {
    await tick();
    return this.putUnlessNow(row, keepStored, options);
  }

  /** {@link putUnless} without the round trip, for a bulk write that has already taken its one. */
  putUnlessNow(row: T, keepStored: (stored: T) => boolean, options: { readonly adopt?: boolean } = {}): boolean {
    const key = this.keyOf(row);
    const stored = this.#rows.get(key);
    if (stored !== undefined && keepStored(stored)) return false;
    for (const { valueOf, taken } of this.#uniques) taken.set(valueOf(row), key);
    this.#rows.set(key, options.adopt === true ? deepFreeze(withoutUndefined(row)) : this.copy(row));
    return true;
  }

  async delete(key: string): Promise<void> {
    await this.deleteIf(key, () => true);
  }

  /** Deletes the row only if `matches(stored)`, checked and deleted in one step (a delete by the row's own id). */
  async deleteIf(key: string, matches: (stored: T) => boolean): Promise<boolean> {
    await tick();
    const row = this.#rows.get(key);
    if (row === undefined || !matches(row)) return false;
    for (const { valueOf, taken } of this.#uniques) taken.delete(valueOf(row));
    this.#rows.delete(key);
    return true;
  }

  /** Replaces the row only if `matches(stored)`, in one step; a row deleted meanwhile stays deleted. */
  async updateIf(key: string, matches: (stored: T) => boolean, update: (stored: T) => T): Promise<boolean> {
    await tick();
    const row = this.#rows.get(key);
    if (row === undefined || !matches(row)) return false;
    this.#rows.set(key, frozenCopy(update(row)));
    return true;
  }

  /** Deletes every row that matches, in one step; for sweeps over a whole table. */
  async deleteWhere(matches: (stored: T) => boolean): Promise<number> {
    await tick();
    let deleted = 0;
    for (const [key, row] of this.#rows) {
      if (!matches(row)) continue;
      for (const { valueOf, taken } of this.#uniques) taken.delete(valueOf(row));
      this.#rows.delete(key);
      deleted++;
    }
    return deleted;
  }

  /** True when the stored row equals this one; for tests of the store itself. */
  has(row: T): boolean {
    return isDeepStrictEqual(this.#rows.get(this.keyOf(row)), row);
  }
}

/** Lets other callers run first, as a round trip to a database server would. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
