/**
 * Due buckets (ADR 0019): a due moment is stored as three top-level keys, its minute (`YYYY-MM-DDTHH:MM`), its hour
 * (`YYYY-MM-DDTHH`) and its day (`YYYY-MM-DD`), so that "what is due since my cursor" is a few equalities, never a
 * range: the minutes of the current hour one by one (an entry due later in this hour is not read early), each earlier
 * hour of today by its hour key, each earlier day by its day key. A catch-up after a long outage, or a test clock
 * jumped by 30 days, costs about 30 + 23 + 59 queries, not 43,200.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How far a pass's cursor stays behind its clock. A writer never stores a due moment earlier than its own clock (see
 * {@link dueAtOrAfter}); a pass reads every bucket up to its clock's minute but moves its cursor only to this long
 * before it, and reads the buckets in between again next time. So a write racing a pass, or made by a process whose
 * clock is behind the pass's, is still found, as long as write latency plus clock skew stays under this.
 */
export const DUE_SETTLE_MS = 5 * MINUTE;

/** A bucket to read: which of the three keys, and its value. */
export interface DueBucket {
  readonly grain: 'minute' | 'hour' | 'day';
  readonly value: string;
}

/** The buckets a pass reads, in time order, and where its cursor goes once they are all handled. */
export interface DueWindow {
  readonly buckets: readonly DueBucket[];
  readonly cursor: string;
}

export const minuteKey = (at: number): string => new Date(at).toISOString().slice(0, 16);
export const hourKey = (at: number): string => new Date(at).toISOString().slice(0, 13);
export const dayKey = (at: number): string => new Date(at).toISOString().slice(0, 10);
/** The moment a minute key starts at. */
export const minuteStart = (key: string): number => Date.parse(`${key}:00.000Z`);

/** A due moment as a writer may store it: never earlier than its own clock (a moment already past is due now). */
export function dueAtOrAfter(at: number, now: Date): number {
  return Math.max(at, now.getTime());
}

/**
 * What a pass at `now` reads: every minute after `cursor` (the last minute a pass settled) up to `now`'s — a fully
 * past day by its day key, a fully past hour of today by its hour key, the current hour minute by minute — and the
 * cursor it may then store, {@link DUE_SETTLE_MS} behind `now` (never back). A whole day or hour is read even when the
 * cursor lies inside it: what was already handled there has moved to a later bucket. Without a cursor the caller
 * decides (a first pass); the window then starts {@link DUE_SETTLE_MS} back.
 */
export function dueWindow(cursor: string | undefined, now: Date): DueWindow {
  const settled = minuteKey(now.getTime() - DUE_SETTLE_MS);
  const through = minuteStart(minuteKey(now.getTime()));
  const today = through - (through % DAY);
  const currentHour = through - (through % HOUR);
  const buckets: DueBucket[] = [];
  let at = minuteStart(cursor ?? settled) + MINUTE;
  for (; at < today; at = at - (at % DAY) + DAY) buckets.push({ grain: 'day', value: dayKey(at) });
  for (; at < currentHour; at = at - (at % HOUR) + HOUR) buckets.push({ grain: 'hour', value: hourKey(at) });
  for (; at <= through; at += MINUTE) buckets.push({ grain: 'minute', value: minuteKey(at) });
  return { buckets, cursor: cursor !== undefined && cursor > settled ? cursor : settled };
}

/** The last minute before a bucket: where a cursor stops when the bucket still holds work left for later. */
export function minuteBefore(bucket: DueBucket): string {
  const start = bucket.grain === 'day' ? Date.parse(`${bucket.value}T00:00:00.000Z`) : bucket.grain === 'hour' ? Date.parse(`${bucket.value}:00:00.000Z`) : minuteStart(bucket.value);
  return minuteKey(start - MINUTE);
}
