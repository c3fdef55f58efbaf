import type { EnrollmentEvent } from '../../enrollments/index.js';

/**
 * The event log read as a feed, for the webhook dispatcher: every workspace's events recorded within one whole
 * second. Recorded, not occurred: a provider's submission may date its events in the past (ADR 0009), and a feed read
 * by occurrence would pass them by. Stores serve it from a top-level field holding the second with an equality lookup,
 * the one query FerretDB v1 pushes down; a range over a time would scan there.
 */
export interface EventFeedRepository {
  /** `second` is `YYYY-MM-DDTHH:MM:SS` (UTC); the events recorded within it, in any order. */
  listRecordedIn(second: string): Promise<readonly EnrollmentEvent[]>;
}

/** The feed's bucket for an ISO time: its first 19 characters, `YYYY-MM-DDTHH:MM:SS`. */
export function feedSecondOf(iso: string): string {
  return iso.slice(0, 19);
}

/** The second an event was recorded in: its `recordedAt` when it was dated otherwise, else its `occurredAt`. */
export function recordedSecondOf(event: Pick<EnrollmentEvent, 'occurredAt' | 'recordedAt'>): string {
  return feedSecondOf(event.recordedAt ?? event.occurredAt);
}
