import { describeValue, fieldError } from './fieldError.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** The form the platform itself writes (`Date#toISOString`, or seed 001's whole seconds). */
const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/**
 * `2023-11-07T05:31:56Z` or `…56.123Z` as milliseconds, read field by field (Date.parse costs more than the rest of a
 * timeline entry); NaN for a date that does not exist, such as February 30th.
 */
function utcMillis(text: string): number {
  const part = (from: number, to: number) => Number(text.slice(from, to));
  const [year, month, day] = [part(0, 4), part(5, 7), part(8, 10)];
  const ms = Date.UTC(year, month - 1, day, part(11, 13), part(14, 16), part(17, 19), text.length > 20 ? part(20, 23) : 0);
  const date = new Date(ms);
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists && part(11, 13) < 24 && part(14, 16) < 60 && part(17, 19) < 60 ? ms : Number.NaN;
}

/**
 * Reads an ISO-8601 date-time with a zone (`2023-11-07T05:31:56Z`) or a valid `Date` as milliseconds since the
 * epoch. Anything else is an InputError naming `field`. Internal to the SDK.
 * @example const at = expectTime('2023-11-07T05:31:56Z', '/occurredAt') // 1699335116000
 */
export function expectTime(value: unknown, field: string): number {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  if (typeof value === 'string') {
    const ms = UTC_MILLIS.test(value) ? utcMillis(value) : ISO_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
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


/**
 * A time as seed 001 writes it, from its ISO-8601 text and its milliseconds: text already in UTC with whole or
 * millisecond seconds is trimmed as it is (formatting a Date costs more than the rest of a timeline entry), any other
 * form is formatted from the milliseconds. Internal to the SDK.
 * @example seedTime('2023-11-07T05:31:56.000Z', 1699335116000) // '2023-11-07T05:31:56Z'
 */
export function seedTime(text: string, ms: number): string {
  if (!UTC_MILLIS.test(text)) return toIsoUtc(ms);
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}
