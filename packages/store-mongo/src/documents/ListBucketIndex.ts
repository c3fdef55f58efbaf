import type { Model } from 'mongoose';
import { insertManyUnique } from './insertManyUnique.js';
import type { StoredDocument } from './StoredDocument.js';

/** The prefixes of `YYYY-MM-DDTHH:MM:SS` that make the tree's levels: year, month, day, hour, minute, second. */
const LEVELS = [4, 7, 10, 13, 16, 19] as const;
/** The keys a process remembers as stored; past this many it forgets them all (a repeat insert is only a duplicate). */
const REMEMBERED = 100_000;

/**
 * The index of a walked list's non-empty seconds (ADR 0021), kept in `list_buckets`. A writer calls {@link ensure}
 * before it stores items, so an item is never in a second the index misses (a crash in between leaves an empty
 * second, which a walk passes over). Each key is inserted once per process: the hot path pays one insert per new
 * second. A walk descends the tree in order with one equality per prefix visited, so it reads the seconds it needs
 * and, at each level, at most 60 siblings — never the list's size.
 */
export class ListBucketIndex {
  readonly #stored = new Set<string>();
  /** The seconds this process marked split (or found so). */
  readonly #split = new Set<string>();

  constructor(private readonly model: Model<StoredDocument>) {}

  /** The bucket key of a second in a list: the `_id` of its entry, and the value its items carry as `listBucket`. */
  static keyOf(scope: string, second: string): string {
    return `${scope}|${second}`;
  }

  /** Makes sure every level of these seconds is in the index (unique inserts; a duplicate is what we want). */
  async ensure(scope: string, seconds: Iterable<string>): Promise<void> {
    const missing = new Map<string, StoredDocument>();
    for (const second of seconds) {
      for (const length of LEVELS) {
        const name = second.slice(0, length);
        const key = ListBucketIndex.keyOf(scope, name);
        if (this.#stored.has(key) || missing.has(key)) continue;
        missing.set(key, { _id: key, parent: ListBucketIndex.keyOf(scope, parentName(name)), name });
      }
    }
    if (missing.size === 0) return;
    await insertManyUnique(this.model, [...missing.values()]);
    this.#remember(missing.keys());
  }

  /**
   * Makes sure these finer buckets (leaves, by second) are in the index, below seconds marked `split`, before their
   * items are stored (issue 18). A second is marked once per process: one update, after which a walk that meets it
   * asks for its leaves (one more lookup); a second never split costs a walk nothing more. A crash after the mark
   * and before the leaves leaves a split second with fewer leaves than it will have, which a walk passes over.
   */
  async ensureLeaves(scope: string, leavesBySecond: ReadonlyMap<string, ReadonlySet<string>>): Promise<void> {
    await this.ensure(scope, leavesBySecond.keys());
    for (const second of leavesBySecond.keys()) {
      const key = ListBucketIndex.keyOf(scope, second);
      if (this.#split.has(key)) continue;
      await this.model.updateOne({ _id: key }, { $set: { split: true } });
      if (this.#split.size >= REMEMBERED) this.#split.clear();
      this.#split.add(key);
    }
    const missing = new Map<string, StoredDocument>();
    for (const [second, leaves] of leavesBySecond) {
      for (const leaf of leaves) {
        const key = ListBucketIndex.keyOf(scope, leaf);
        if (!this.#stored.has(key)) missing.set(key, { _id: key, parent: ListBucketIndex.keyOf(scope, second), name: leaf });
      }
    }
    if (missing.size === 0) return;
    await insertManyUnique(this.model, [...missing.values()]);
    this.#remember(missing.keys());
  }

  /** The finer buckets of a split second, in order: one equality on `parent`. */
  async leaves(scope: string, second: string): Promise<string[]> {
    return (await this.model.find({ parent: ListBucketIndex.keyOf(scope, second) }, { name: 1 }).lean()).map((document) => String(document.name)).sort();
  }

  /** The list's non-empty seconds from `start` (a second, or the first) on, in order, found lazily level by level. */
  async *seconds(scope: string, start: string | undefined): AsyncGenerator<string> {
    for await (const second of this.marked(scope, start)) yield second.name;
  }

  /** {@link seconds}, each with whether it was split into finer buckets ({@link ensureLeaves}). */
  async *marked(scope: string, start: string | undefined): AsyncGenerator<ListSecond> {
    yield* this.#below(scope, '', start);
  }

  async *#below(scope: string, prefix: string, start: string | undefined): AsyncGenerator<ListSecond> {
    const documents = await this.model.find({ parent: ListBucketIndex.keyOf(scope, prefix) }, { name: 1, split: 1 }).lean();
    const entries = documents.map((document) => ({ name: String(document.name), split: document.split === true })).sort((left, right) => (left.name < right.name ? -1 : 1));
    for (const entry of entries) {
      if (start !== undefined && entry.name < start.slice(0, entry.name.length)) continue;
      if (entry.name.length === LEVELS[LEVELS.length - 1]) yield entry;
      else yield* this.#below(scope, entry.name, start);
    }
  }

  #remember(keys: Iterable<string>): void {
    const added = [...keys];
    if (this.#stored.size + added.length > REMEMBERED) this.#stored.clear();
    for (const key of added) this.#stored.add(key);
  }
}

/** A non-empty second of a list, and whether some of its items are in finer buckets below it. */
export interface ListSecond {
  readonly name: string;
  readonly split: boolean;
}

/** The prefix one level up: `2030-01-02T03` → `2030-01-02`; a year's parent is the list's root, `''`. */
function parentName(name: string): string {
  const index = LEVELS.indexOf(name.length as (typeof LEVELS)[number]);
  return index <= 0 ? '' : name.slice(0, LEVELS[index - 1]);
}
