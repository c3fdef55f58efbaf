import { InputError } from '@flexroll/sdk';
import type { SortKey } from './ListWindow.js';

/**
 * A list's cursor as the client holds it: the sort key of the last item it has, as base64url JSON. Opaque to the
 * client, and self-contained: resuming needs no lookup, and a cursor stays valid while the list grows.
 */
export function encodeListCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The key a cursor holds, when `isKey` accepts it.
 * @throws InputError naming `field` (rule `cursor`) for anything this list did not hand out.
 */
export function decodeListCursor<K extends SortKey>(text: string, isKey: (value: unknown) => value is K, field: string): K {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (isKey(value)) return value;
  const message = 'is not a cursor this list handed out: pass the nextCursor of a previous page unchanged.';
  throw new InputError(`${field} ${message}`, [{ field, rule: 'cursor', message }]);
}

/** A guard for keys made of strings and numbers in a fixed pattern, e.g. `['string', 'string', 'number']`. */
export function isKeyOf<K extends SortKey>(...types: ReadonlyArray<'string' | 'number'>): (value: unknown) => value is K {
  return (value: unknown): value is K =>
    Array.isArray(value) && value.length === types.length && value.every((element, index) => typeof element === types[index] && (typeof element !== 'number' || Number.isSafeInteger(element)));
}
