import type { EnrollmentEvent } from '../model/EnrollmentEvent.js';

/**
 * The event log read as a feed, for the webhook dispatcher: every workspace's events that occurred within one
 * whole second. Stores serve it from a top-level field holding the second (`occurredAt` to the second) with an
 * equality lookup, the one query FerretDB v1 pushes down; a range over `occurredAt` would scan there.
 */
export interface EventFeedRepository {
  /** `second` is `YYYY-MM-DDTHH:MM:SS` (UTC, as in `occurredAt`); the events in any order. */
  listOccurredIn(second: string): Promise<readonly EnrollmentEvent[]>;
}

/** The feed's bucket for an ISO time: its first 19 characters, `YYYY-MM-DDTHH:MM:SS`. */
export function occurredSecondOf(iso: string): string {
  return iso.slice(0, 19);
}
