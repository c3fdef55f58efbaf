import type { EnrollmentEvent } from '../EnrollmentEvent.js';

/**
 * The event log read as a feed (webhooks, projection repair, the outbox's catch-up): every workspace's events
 * recorded within one bucket of time. A bucket is an hour (`YYYY-MM-DDTHH`), a minute (`YYYY-MM-DDTHH:MM`) or a
 * second (`YYYY-MM-DDTHH:MM:SS`), all UTC: the feed walks seconds, and minutes or hours only to catch up after a
 * long stop. Stores serve every size from top-level keys stamped on each event with an equality lookup, the one
 * query FerretDB v1 pushes down (a range over a time would scan there). See ADR 0018.
 */
export interface EventFeedRepository {
  /** The events recorded within `bucket` (an hour, a minute or a second, by its length), in any order. */
  listRecordedIn(bucket: string): Promise<readonly EnrollmentEvent[]>;
  /**
   * Moves events recorded in `fromSecond` to `toSecond` (a later one): an appender whose insert was visible only
   * after its second had settled re-files its events where the feed has not read yet. Ids not in `fromSecond` are
   * left alone, so a repeat does nothing.
   */
  restamp(eventIds: readonly string[], fromSecond: string, toSecond: string): Promise<void>;
}

/** The feed's second for an ISO time: its first 19 characters, `YYYY-MM-DDTHH:MM:SS`. */
export function feedSecondOf(iso: string): string {
  return iso.slice(0, 19);
}

/** The buckets an event recorded in `second` is found by: its hour, its minute and its second. */
export function feedBucketsOf(second: string): readonly [hour: string, minute: string, second: string] {
  return [second.slice(0, 13), second.slice(0, 16), second.slice(0, 19)];
}

/** The default second of an event inserted without one: its `recordedAt` when it was dated otherwise, else its `occurredAt`. */
export function recordedSecondOf(event: Pick<EnrollmentEvent, 'occurredAt' | 'recordedAt'>): string {
  return feedSecondOf(event.recordedAt ?? event.occurredAt);
}
