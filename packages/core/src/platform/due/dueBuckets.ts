/**
 * Due buckets (ADR 0019): a due moment is stored as two top-level keys, its minute (`YYYY-MM-DDTHH:MM`) and its hour
 * (`YYYY-MM-DDTHH`), so that "what is due since my cursor" is a few equalities, never a range: the minutes of the
 * current hour one by one, every earlier whole hour by its hour key (a catch-up after a long outage, or a test clock
 * jumped by 30 days, costs 24 queries a day, not 1,440).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How far a pass's cursor stays behind its clock. A writer never stores a due moment earlier than its own clock (see
 * {@link dueAtOrAfter}); a pass reads every bucket up to its clock's minute but moves its cursor only to this long
 * before it, and reads the buckets in between again next time. So a write racing a pass, or made by a process whose
 * clock is behind the pass's, is still found, as long as write latency plus clock skew stays under this.
 */
export const DUE_SETTLE_MS = 5 * MINUTE;

/** A bucket to read: which of the two keys, and its value. */
export interface DueBucket {
  readonly grain: 'minute' | 'hour';
  readonly value: string;
}

/** The buckets a pass reads, in time order, and where its cursor goes once they are all handled. */
export interface DueWindow {
  readonly buckets: readonly DueBucket[];
  readonly cursor: string;
}

export const minuteKey = (at: number): string => new Date(at).toISOString().slice(0, 16);
export const hourKey = (at: number): string => new Date(at).toISOString().slice(0, 13);
/** The moment a minute key starts at. */
export const minuteStart = (key: string): number => Date.parse(`${key}:00.000Z`);

/** A due moment as a writer may store it: never earlier than its own clock (a moment already past is due now). */
export function dueAtOrAfter(at: number, now: Date): number {
  return Math.max(at, now.getTime());
}

/**
 * What a pass at `now` reads: every minute after `cursor` (the last minute a pass settled) up to `now`'s, whole hours
 * by their hour key; and the cursor it may then store, {@link DUE_SETTLE_MS} behind `now` (never back). Without a
 * cursor the caller decides (a first pass); the window then starts {@link DUE_SETTLE_MS} back.
 */
export function dueWindow(cursor: string | undefined, now: Date): DueWindow {
  const settled = minuteKey(now.getTime() - DUE_SETTLE_MS);
  const from = minuteStart(cursor ?? settled) + MINUTE;
  const through = minuteStart(minuteKey(now.getTime()));
  const buckets: DueBucket[] = [];
  for (let at = from; at <= through; ) {
    if (at % HOUR === 0 && at + HOUR - MINUTE <= through) {
      buckets.push({ grain: 'hour', value: hourKey(at) });
      at += HOUR;
    } else {
      buckets.push({ grain: 'minute', value: minuteKey(at) });
      at += MINUTE;
    }
  }
  return { buckets, cursor: cursor !== undefined && cursor > settled ? cursor : settled };
}

/** The last minute before a bucket: where a cursor stops when the bucket still holds work left for later. */
export function minuteBefore(bucket: DueBucket): string {
  const start = bucket.grain === 'hour' ? Date.parse(`${bucket.value}:00:00.000Z`) : minuteStart(bucket.value);
  return minuteKey(start - MINUTE);
}
