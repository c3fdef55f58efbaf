import { describeValue, fieldError } from './fieldError.js';

/**
 * Checks that `value` is a plain object (not null, not an array) and returns it as a record.
 * Internal to the SDK.
 * @example const options = expectRecord(input, '/options')
 */
export function expectRecord(value: unknown, field: string): Readonly<Record<string, unknown>> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw fieldError(field, value === undefined ? 'required' : 'type', `must be an object; got ${describeValue(value)}.`);
}

/**
 * Checks that `value` is an array.
 * @example const history = expectArray(input, '/history')
 */
export function expectArray(value: unknown, field: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw fieldError(field, value === undefined ? 'required' : 'type', `must be an array; got ${describeValue(value)}.`);
}

/**
 * Checks that `value` is a boolean or absent (`undefined`).
 * @example const required = expectOptionalBoolean(context.meterAccessRequired, '/meterAccessRequired')
 */
export function expectOptionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw fieldError(field, 'type', `must be a boolean; got ${describeValue(value)}.`);
}

/**
 * Checks that `value` is a finite number not below zero (a duration in milliseconds, say).
 * @example expectNonNegativeNumber(thresholdMs, '/thresholdMs')
 */
export function expectNonNegativeNumber(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw fieldError(field, typeof value === 'number' ? 'minimum' : 'type', `must be a finite number ≥ 0; got ${describeValue(value)}.`);
}
