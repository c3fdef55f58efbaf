import { deepFreeze } from './frozenCopy.js';

/** Object keys whose values are unique per record, so sharing them would only grow the table. */
const UNIQUE_KEYS = new Set(['id', 'occurredAt']);
/** Longer strings are mostly free text, rarely repeated. */
const SHARED_LENGTH = 48;
const EMPTY: readonly never[] = Object.freeze([]);

/**
 * Frozen copies of records that share what they can with the records before them: the same strings (workspace,
 * enrollment and participation ids, types, states, reasons, sources) and the same empty array are held once, not
 * once per record. The embedded store keeps every event in memory, and this is most of what an event costs.
 * Like {@link frozenCopy}, a copy has no `undefined` field.
 */
export class CompactCopies {
  readonly #strings = new Map<string, string>();

  copy<T>(value: T): T {
    return deepFreeze(this.#share(value, undefined) as T);
  }

  #share(value: unknown, key: string | undefined): unknown {
    if (typeof value === 'string') return this.#intern(value, key);
    if (Array.isArray(value)) return value.length === 0 ? EMPTY : value.map((item) => this.#share(item, undefined));
    if (value === null || typeof value !== 'object') return value;
    const shared: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) if (item !== undefined) shared[name] = this.#share(item, name);
    return shared;
  }

  #intern(text: string, key: string | undefined): string {
    if (text.length > SHARED_LENGTH || (key !== undefined && UNIQUE_KEYS.has(key))) return text;
    const known = this.#strings.get(text);
    if (known !== undefined) return known;
    this.#strings.set(text, text);
    return text;
  }
}
