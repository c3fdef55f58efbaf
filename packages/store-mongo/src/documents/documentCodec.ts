import { decodeKey, encodeKey } from './storedKeys.js';

/**
 * Data on its way into the store: field names made safe ({@link encodeKey}) and `undefined` fields left out
 * (the driver would otherwise write them as `null`, and an absent optional field must read back absent).
 * `undefined` inside an array becomes `null`, as in JSON. Values other than plain objects and arrays are kept.
 */
export function encodeData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : encodeData(item)));
  if (!isPlainObject(value)) return value;
  // (`for…in` over own keys rather than `Object.entries`: the same keys in the same order, without an array of pairs
  // per object; every write encodes each event and projection whole.)
  const encoded: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    if (item !== undefined) encoded[encodeKey(key)] = encodeData(item);
  }
  return encoded;
}

/** Data on its way out of the store: the field names given back as they were. */
export function decodeData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeData);
  if (!isPlainObject(value)) return value;
  const decoded: Record<string, unknown> = {};
  for (const key in value) {
    if (Object.hasOwn(value, key)) decoded[decodeKey(key)] = decodeData(value[key]);
  }
  return decoded;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
