import { isDeepStrictEqual } from 'node:util';
import type { InsertResult } from '@flexroll/core';

/**
 * A map of records with unique keys, copying on the way in and out so that callers can never share (and so
 * mutate) what the store holds — the same isolation a database gives. Every method yields to the event loop
 * first, so concurrent callers interleave as they would against a real server.
 */
export class MemoryTable<T extends object> {
  readonly #rows = new Map<string, T>();
  /** Each secondary unique index: the value's function and the values taken. */
  readonly #uniques: ReadonlyArray<{ readonly valueOf: (row: T) => string; readonly taken: Set<string> }>;

  constructor(private readonly keyOf: (row: T) => string, uniques: ReadonlyArray<(row: T) => string> = []) {
    this.#uniques = uniques.map((valueOf) => ({ valueOf, taken: new Set<string>() }));
  }

  async insert(row: T): Promise<InsertResult> {
    await tick();
    const key = this.keyOf(row);
    if (this.#rows.has(key) || this.#uniques.some(({ valueOf, taken }) => taken.has(valueOf(row)))) return 'duplicate';
    for (const { valueOf, taken } of this.#uniques) taken.add(valueOf(row));
    this.#rows.set(key, structuredClone(row));
    return 'inserted';
  }

  async get(key: string): Promise<T | undefined> {
    await tick();
    const row = this.#rows.get(key);
    return row === undefined ? undefined : structuredClone(row);
  }

  async find(predicate: (row: T) => boolean): Promise<T[]> {
    await tick();
    return [...this.#rows.values()].filter(predicate).map((row) => structuredClone(row));
  }

  /** Replaces or adds a row; callers use it only for rows whose unique values do not change. */
  async put(row: T): Promise<void> {
    await tick();
    for (const { valueOf, taken } of this.#uniques) taken.add(valueOf(row));
    this.#rows.set(this.keyOf(row), structuredClone(row));
  }

  async delete(key: string): Promise<void> {
    await tick();
    const row = this.#rows.get(key);
    if (row === undefined) return;
    for (const { valueOf, taken } of this.#uniques) taken.delete(valueOf(row));
    this.#rows.delete(key);
  }

  /** True when the stored row equals this one; for tests of the store itself. */
  has(row: T): boolean {
    return isDeepStrictEqual(this.#rows.get(this.keyOf(row)), row);
  }
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
