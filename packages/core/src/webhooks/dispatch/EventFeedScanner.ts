import type { Clock } from '../../platform/index.js';
import type { CursorRepository } from '../ports/CursorRepository.js';
import { feedSecondOf, type EventFeedRepository } from '../ports/EventFeedRepository.js';
import type { TouchedEnrollment } from '../../enrollments/index.js';

const FEED_CURSOR = 'webhooks:feed';
/** The most seconds one scan reads, so that a worker far behind catches up over several runs, not in one long one. */
const MAX_SECONDS_PER_SCAN = 300;

/** Enrollments with events since a time, by another route than the feed: for a scanner far behind (a long outage). */
export type CatchUp = (since: string) => Promise<readonly TouchedEnrollment[]>;

/**
 * Finds the enrollments with new events by reading the event feed second by second (one equality lookup each):
 * every run the seconds since the last run, and every `lag / 6` the whole last `lag` again, for events that became
 * visible late (a writer slow between deciding a change and appending it). Events already seen are remembered for
 * the lag window, so a second read again costs its lookup and nothing more. The position is kept in a cursor at
 * `now − lag`, so a worker that starts (again) re-reads at most the lag and whatever happened while none ran. When
 * that is more than {@link MAX_SECONDS_PER_SCAN} seconds, one catch-up asks for the enrollments with events since
 * then instead (a range query per workspace: slower per call than the feed, but one call instead of thousands).
 */
export class EventFeedScanner {
  #scannedThrough: number | undefined;
  #lastFullRescan = 0;
  #prunedAt = 0;
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly feed: EventFeedRepository,
    private readonly cursors: CursorRepository,
    private readonly clock: Clock,
    private readonly lagMs: number,
    private readonly catchUp: CatchUp,
  ) {}

  async scan(): Promise<TouchedEnrollment[]> {
    const now = Math.floor(this.clock.now().getTime() / 1000) * 1000;
    let from = await this.startOfScan(now);
    const touched = new Map<string, TouchedEnrollment>();
    if (now - from > MAX_SECONDS_PER_SCAN * 1000) {
      for (const enrollment of await this.catchUp(new Date(from).toISOString())) touched.set(`${enrollment.workspaceId}/${enrollment.enrollmentId}`, enrollment);
      from = now - this.lagMs;
    }
    const until = Math.min(now, from + (MAX_SECONDS_PER_SCAN - 1) * 1000);
    for (let second = from; second <= until; second += 1000) {
      for (const event of await this.feed.listRecordedIn(feedSecondOf(new Date(second).toISOString()))) {
        if (this.#seen.has(event.id)) continue;
        this.#seen.set(event.id, second);
        touched.set(`${event.workspaceId}/${event.enrollmentId}`, { workspaceId: event.workspaceId, enrollmentId: event.enrollmentId });
      }
    }
    this.#scannedThrough = until;
    await this.remember(now, until);
    return [...touched.values()];
  }

  private async startOfScan(now: number): Promise<number> {
    if (this.#scannedThrough === undefined) {
      const stored = await this.cursors.get(FEED_CURSOR);
      const storedAt = stored === undefined ? Number.NaN : Date.parse(stored.value);
      this.#scannedThrough = Number.isNaN(storedAt) || storedAt > now ? now - this.lagMs : storedAt;
      this.#lastFullRescan = now;
      return this.#scannedThrough;
    }
    if (now - this.#lastFullRescan >= this.lagMs / 6 && this.#scannedThrough >= now - 1000) {
      this.#lastFullRescan = now;
      return Math.min(this.#scannedThrough, now - this.lagMs);
    }
    // A clock that went back (or a cursor from a process whose clock ran ahead) restarts at the lag window.
    return this.#scannedThrough > now ? now - this.lagMs : this.#scannedThrough;
  }

  /** Forgets events older than the lag window and moves the shared cursor to the start of it, once caught up. */
  private async remember(now: number, until: number): Promise<void> {
    const horizon = now - this.lagMs;
    if (this.#prunedAt !== now) {
      this.#prunedAt = now;
      for (const [id, second] of this.#seen) if (second < horizon) this.#seen.delete(id);
    }
    if (until < now || this.#lastFullRescan !== now) return;
    await this.cursors.put({ key: FEED_CURSOR, value: new Date(horizon).toISOString(), updatedAt: new Date(now).toISOString() });
  }
}
