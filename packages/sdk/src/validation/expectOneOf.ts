import { describeValue, fieldError } from './fieldError.js';

/**
 * Checks at runtime that `value` is one of `allowed` (callers may be JavaScript) and narrows it.
 * Throws an InputError naming `field`, with rule `one_of`, listing the allowed values.
 * Internal to the SDK.
 * @example const state = expectOneOf(input, PARTICIPATION_STATES, '/state')
 */
export function expectOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const got = value === undefined ? 'is required' : `got ${describeValue(value)}`;
  throw fieldError(field, value === undefined ? 'required' : 'one_of', `must be one of ${allowed.join(', ')}; ${got}.`);
}
