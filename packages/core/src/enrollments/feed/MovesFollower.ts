import type { EnrollmentEvent } from '../EnrollmentEvent.js';

/**
 * Another outbox's catch-up, riding on the adapter outbox's read of the feed's `moves` channel (ADR 0018, addendum of
 * issue 22): each participation move and creation read once, by one cursor, serves every outbox that may owe
 * something for it, so a second outbox adds no lookup of its own. Multi-bound under `CORE_TOKENS.movesFollowers`.
 */
export interface MovesFollower {
  /** A pass's handler (it may keep what it read during the pass): whether it enqueued something for the event. */
  pass(): (event: EnrollmentEvent) => Promise<boolean>;
}
