import type { Clock, CoreLogger, InsertResult } from '../../platform/index.js';
import type { EnrollmentEvent } from '../EnrollmentEvent.js';
import type { EnrollmentEventRepository } from '../ports/EnrollmentEventRepository.js';
import { type EventFeedRepository, feedSecondOf } from '../ports/EventFeedRepository.js';

const SECOND = 1_000;
/** Re-filing is tried this often at most; each try is one update, and only a store stalled for seconds needs two. */
const MAX_REFILES = 5;

/**
 * Appends events with their feed second stamped from the clock just before the insert (not when the change was
 * decided: a writer slow in between would land in a second already read), and re-files them when the insert came
 * back after that second had settled: the feed may have read the second before they were visible (ADR 0018). The
 * appender can tell from the clock once the insert returns. The one window left: a process that dies between a
 * late insert and its re-filing; the reads of that enrollment still see the events (the log is the truth), and a
 * projection or an outbox item they missed is caught by the next change of the same enrollment or by a read of it.
 */
export class FeedStamping {
  constructor(
    private readonly events: EnrollmentEventRepository,
    private readonly feed: EventFeedRepository,
    private readonly clock: Clock,
    private readonly settleMs: number,
    private readonly logger: CoreLogger,
  ) {}

  async insert(event: EnrollmentEvent): Promise<InsertResult> {
    const second = this.second();
    const result = await this.events.insert(event, second);
    if (result === 'inserted') await this.refileIfLate([event], second);
    return result;
  }

  async insertInOrder(events: readonly EnrollmentEvent[]): Promise<number> {
    const second = this.second();
    const inserted = await this.events.insertInOrder(events, second);
    await this.refileIfLate(events.slice(0, inserted), second);
    return inserted;
  }

  async insertMany(events: readonly EnrollmentEvent[]): Promise<InsertResult[]> {
    const second = this.second();
    const results = await this.events.insertMany(events, second);
    await this.refileIfLate(events.filter((_, index) => results[index] === 'inserted'), second);
    return results;
  }

  private second(): string {
    return feedSecondOf(this.clock.now().toISOString());
  }

  /** Moves the events to the current second for as long as the clock says the one they are in may have been read. */
  private async refileIfLate(events: readonly EnrollmentEvent[], stamped: string): Promise<void> {
    if (events.length === 0) return;
    let from = stamped;
    for (let refile = 0; refile < MAX_REFILES; refile++) {
      const now = this.clock.now();
      if (now.getTime() < Date.parse(`${from}Z`) + SECOND + this.settleMs) return;
      const to = feedSecondOf(now.toISOString());
      this.logger.info('an insert outlasted its feed second; re-filing its events', { from, to, count: events.length });
      await this.feed.restamp(events, from, to);
      from = to;
    }
    this.logger.warn('events could not be re-filed within a settled second; the feed may pass them by', { second: from, eventIds: events.slice(0, 10).map((event) => event.id) });
  }
}
