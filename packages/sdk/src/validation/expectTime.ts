import { describeValue, fieldError } from './fieldError.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads an ISO-8601 date-time with a zone (`2023-11-07T05:31:56Z`) or a valid `Date` as milliseconds since the
 * epoch. Anything else is an InputError naming `field`. Internal to the SDK.
 * @example const at = expectTime('2023-11-07T05:31:56Z', '/occurredAt') // 1699335116000
 */
export function expectTime(value: unknown, field: string): number {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  if (typeof value === 'string' && ISO_DATE_TIME.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  throw fieldError(field, value === undefined ? 'required' : 'date_time', `must be an ISO-8601 date-time with a zone, such as 2023-11-07T05:31:56Z; got ${describeValue(value)}.`);
}

/**
 * Formats milliseconds since the epoch as ISO-8601 UTC the way seed 001 writes times: whole seconds without
 * a fraction (`2023-11-07T05:31:56Z`), milliseconds only when there are some.
 * @example toIsoUtc(1699335116000) // '2023-11-07T05:31:56Z'
 */
export function toIsoUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
