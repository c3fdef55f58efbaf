import { InputError } from '../errors/errors.js';

/**
 * The {@link InputError} for one refused field: the message names the field (a JSON pointer such as `/state`)
 * and the rule it broke, and `details` carries the same as one {@link FieldIssue}.
 * Internal to the SDK.
 * @example throw fieldError('/trigger', 'one_of', 'must be one of consent_requested, …')
 */
export function fieldError(field: string, rule: string, message: string): InputError {
  return new InputError(`${field} ${message}`, [{ field, rule, message }]);
}

/** A short, safe rendering of an unexpected value for an error message. @example describeValue(7) // 'number 7' */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  // What is left is a number, boolean, bigint or undefined, each of which prints as itself.
  const primitive = value as number | boolean | bigint | undefined;
  return `${typeof primitive} ${String(primitive)}`;
}
