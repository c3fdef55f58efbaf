import { deepFreeze } from './frozenCopy.js';

/**
 * Object keys whose values are unique per record (its own id, its batch's and its followers' ids, its time), so
 * sharing them would only grow the table. An actor's id is not among them: one actor writes many records.
 */
const UNIQUE_KEYS = new Set(['id', 'occurredAt']);
const REPEATING_PARENTS = new Set(['actor']);
/** Longer strings are mostly free text, rarely repeated. */
const SHARED_LENGTH = 48;
/**
 * The longest description of a small object or array that is shared (an actor, a state with its reasons, a list
 * of reasons). Larger ones mostly carry values of their own record, and a description kept for a part that never
 * repeats would cost more than sharing saves.
 */
const SHARED_PART_LENGTH = 64;
const EMPTY: readonly never[] = Object.freeze([]);

/** A copied part, and the short text describing it when it may be shared (undefined when it may not). */
type Shared = readonly [value: unknown, description: string | undefined];

/**
 * Frozen copies of records that share what they can with the records before them: the same strings (workspace,
 * enrollment and participation ids, types, states, reasons, sources), the same empty array, and the same small
 * parts made only of such values (an actor, a state with its reasons, a list of reasons) are held once, not once
 * per record. The embedded store keeps every event in memory, and this is most of what an event costs. Sharing is
 * safe because every copy is frozen. Like {@link frozenCopy}, a copy has no `undefined` field.
 */
export class CompactCopies {
  readonly #strings = new Map<string, string>();
  /** Each shared part by its description; a parent's description names a shared child by its number. */
  readonly #parts = new Map<string, { readonly value: unknown; readonly reference: string }>();

  copy<T>(value: T): T {
    return deepFreeze(this.#share(value, undefined)[0] as T);
  }

  #share(value: unknown, key: string | undefined, parent?: string): Shared {
    if (typeof value === 'string') return this.#shareString(value, key !== undefined && UNIQUE_KEYS.has(key) && !REPEATING_PARENTS.has(parent ?? ''));
    if (value === null || typeof value !== 'object') return [value, describe(value)];
    if (Array.isArray(value)) {
      if (value.length === 0) return [EMPTY, '[]'];
      const items = value.map((item) => this.#share(item, undefined));
      return this.#sharePart(items.map(([item]) => item), items.every(([, description]) => description !== undefined) ? `[${items.map(([, description]) => description).join(',')}]` : undefined);
    }
    const copied: Record<string, unknown> = {};
    const descriptions: string[] = [];
    let shareable = true;
    for (const [name, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const [shared, description] = this.#share(item, name, key);
      copied[name] = shared;
      if (description === undefined) shareable = false;
      else if (shareable) descriptions.push(`${JSON.stringify(name)}:${description}`);
    }
    return this.#sharePart(copied, shareable ? `{${descriptions.join(',')}}` : undefined);
  }

  #shareString(text: string, unique: boolean): Shared {
    if (unique || text.length > SHARED_LENGTH) return [flat(text), undefined];
    const known = this.#strings.get(text);
    if (known !== undefined) return [known, JSON.stringify(known)];
    const kept = flat(text);
    this.#strings.set(kept, kept);
    return [kept, JSON.stringify(kept)];
  }

  /** The part held already with this description, or this one, kept for the next record when it is small. */
  #sharePart(part: unknown, description: string | undefined): Shared {
    if (description === undefined || description.length > SHARED_PART_LENGTH) return [part, undefined];
    const known = this.#parts.get(description);
    if (known !== undefined) return [known.value, known.reference];
    const reference = `#${this.#parts.size}`;
    this.#parts.set(description, { value: deepFreeze(part), reference });
    return [part, reference];
  }
}

/** A number, boolean or null as text (-0 apart from 0); undefined for what is not shared (bigints, functions…). */
function describe(value: unknown): string | undefined {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return typeof value === 'boolean' || value === null ? String(value) : undefined;
}

/**
 * The same text in one piece. V8 holds a string built by concatenation (`${prefix}_${hex}`, as ids are made) as a
 * tree of its parts, which costs about twice the characters; reading a character joins it into one piece, and the
 * collector then keeps only that piece. The value never changes.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
