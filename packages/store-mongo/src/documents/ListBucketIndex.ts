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
    if (this.#stored.size + missing.size > REMEMBERED) this.#stored.clear();
    for (const key of missing.keys()) this.#stored.add(key);
  }

  /** The list's non-empty seconds from `start` (a second, or the first) on, in order, found lazily level by level. */
  async *seconds(scope: string, start: string | undefined): AsyncGenerator<string> {
    yield* this.#below(scope, '', start);
  }

  async *#below(scope: string, prefix: string, start: string | undefined): AsyncGenerator<string> {
    const documents = await this.model.find({ parent: ListBucketIndex.keyOf(scope, prefix) }, { name: 1 }).lean();
    const names = documents.map((document) => String(document.name)).sort();
    for (const name of names) {
      if (start !== undefined && name < start.slice(0, name.length)) continue;
      if (name.length === LEVELS[LEVELS.length - 1]) yield name;
      else yield* this.#below(scope, name, start);
    }
  }
}

/** The prefix one level up: `2030-01-02T03` → `2030-01-02`; a year's parent is the list's root, `''`. */
function parentName(name: string): string {
  const index = LEVELS.indexOf(name.length as (typeof LEVELS)[number]);
  return index <= 0 ? '' : name.slice(0, LEVELS[index - 1]);
}
