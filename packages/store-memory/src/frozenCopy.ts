/**
 * A deep copy of a value that nothing can change afterwards: what the embedded store keeps and hands out. Like a
 * document database, it keeps no `undefined` field (an absent optional field reads back absent).
 */
export function frozenCopy<T>(value: T, options: { shallow?: boolean } = {}): T {
  // A record whose fields are all strings, numbers and booleans (a webhook message) needs no deep clone.
  if (options.shallow === true && value !== null && typeof value === 'object') return Object.freeze(withoutUndefined({ ...value }));
  return deepFreeze(withoutUndefined(structuredClone(value)));
}

/** Removes `undefined` fields in place, at any depth. */
export function withoutUndefined<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    value.forEach(withoutUndefined);
    return value;
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) delete (value as Record<string, unknown>)[key];
    else withoutUndefined(item);
  }
  return value;
}

/** Freezes a value and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const item of Object.values(value)) deepFreeze(item);
  return Object.freeze(value);
}
