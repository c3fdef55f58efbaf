import type { Clock } from '../../platform/index.js';
import type { EnrollmentEvent } from '../EnrollmentEvent.js';
import { channelBucket, type EventFeedRepository, type FeedChannel, feedBucketsOf, feedSecondOf } from '../ports/EventFeedRepository.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** The most bucket lookups one pass makes, so that a feed far behind catches up over several passes, not in one long one. */
const MAX_LOOKUPS_PER_PASS = 1_000;
/** How far behind a feed must be to read whole hours, and whole minutes (never a reader in step; see bucketSize). */
const FAR_BEHIND = new Map([[60 * 60 * 1_000, 2 * 60 * 60 * 1_000], [60 * 1_000, 10 * 60 * 1_000]]);
/** How often a quiet feed writes its position: a restart then reads again at most this much (idempotently). */
const QUIET_SAVE_EVERY_MS = 60_000;

/** Where the feed keeps its position: a cursor store, read once and written plainly (never a guard). */
export interface FeedPositions {
  get(key: string): Promise<{ readonly value: string } | undefined>;
  put(cursor: { readonly key: string; readonly value: string; readonly updatedAt: string }): Promise<void>;
}

export interface SettledFeedOptions {
  /** The cursor's key: each reader of the feed keeps its own position. */
  readonly key: string;
  /** How long after a second ends it is read (see ADR 0018): an insert visible later re-files its events. */
  readonly settleMs: number;
  /** Where a feed without a position starts, this far before the settled bound. */
  readonly startBackMs: number;
  /** When set, a feed further behind than this skips ahead to it (a safety net need not read a week-old log). */
  readonly horizonMs?: number;
  /** When set, only this channel's events are read (see {@link FeedChannel}): the rest of the log costs nothing. */
  readonly channel?: FeedChannel;
}

/**
 * The event log read forward, each event once: a cursor walks the recorded seconds, reading each by its equality
 * lookup once it has settled (`settleMs` after it ended), and never again. An appender whose insert became
 * visible after its second had settled re-files the events in a later second (`restamp`, see EnrollmentLog), so
 * nothing is missed without re-reading a window. A quiet pass costs one empty lookup per second passed; a feed far
 * behind (a worker that was stopped) reads whole minutes and hours once aligned to them, so catching up on a day
 * costs a few hundred lookups, not 86,400.
 */
export class SettledFeed {
  #next: number | undefined;
  #savedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly feed: EventFeedRepository,
    private readonly positions: FeedPositions,
    private readonly clock: Clock,
    private readonly options: SettledFeedOptions,
  ) {}

  /** Reads the buckets settled since the last pass, handing each one's events to `handle`; how many events it read. */
  async read(handle: (events: readonly EnrollmentEvent[]) => Promise<void>): Promise<number> {
    const settled = this.settledBound();
    let next = await this.position(settled);
    let read = 0;
    for (let lookups = 0; next + SECOND <= settled && lookups < MAX_LOOKUPS_PER_PASS; lookups++) {
      const size = bucketSize(next, settled);
      const bucket = bucketOf(next, size);
      const events = await this.feed.listRecordedIn(this.options.channel === undefined ? bucket : channelBucket(this.options.channel, bucket));
      if (events.length > 0) await handle(events);
      read += events.length;
      next += size;
    }
    await this.moveTo(next, read > 0);
    return read;
  }

  /**
   * Moves past everything settled without reading it, for a reader to whom nothing there is owed: up to
   * `settled`, a {@link settledBound} the reader took before it found that out.
   */
  async skip(settled = this.settledBound()): Promise<void> {
    await this.position(settled);
    await this.moveTo(Math.floor(settled / SECOND) * SECOND, false);
  }

  /** Whether a pass would read anything: a second has settled since the last one. */
  async due(): Promise<boolean> {
    const settled = this.settledBound();
    return (await this.position(settled)) + SECOND <= settled;
  }

  /** Now less `settleMs`: every second that ended by then has settled. */
  settledBound(): number {
    return this.clock.now().getTime() - this.options.settleMs;
  }

  private async position(settled: number): Promise<number> {
    if (this.#next === undefined) {
      const stored = await this.positions.get(this.options.key);
      const at = stored === undefined ? Number.NaN : Date.parse(stored.value);
      // A position ahead of the clock (a clock that went back, another process's clock ahead) would wait for
      // nothing: such a feed starts again as a new one does.
      const fresh = Number.isNaN(at) || at > settled;
      this.#next = fresh ? Math.floor((settled - this.options.startBackMs) / SECOND) * SECOND : at;
      this.#savedAt = this.clock.now().getTime();
    }
    const { horizonMs } = this.options;
    // This process's clock went back: read on from there. A feed too far behind skips ahead.
    if (this.#next > settled) this.#next = Math.floor(settled / SECOND) * SECOND;
    if (horizonMs !== undefined && this.#next < settled - horizonMs) this.#next = Math.floor((settled - horizonMs) / SECOND) * SECOND;
    return this.#next;
  }

  /** Keeps the position; writes it when events were read, and otherwise now and then. */
  private async moveTo(next: number, readEvents: boolean): Promise<void> {
    const moved = next !== this.#next;
    this.#next = next;
    const now = this.clock.now().getTime();
    if (!moved || (!readEvents && now - this.#savedAt < QUIET_SAVE_EVERY_MS)) return;
    this.#savedAt = now;
    await this.positions.put({ key: this.options.key, value: new Date(next).toISOString(), updatedAt: new Date(now).toISOString() });
  }
}

/**
 * The bucket to read at `at`: a whole hour or minute only for a feed far behind (a worker that was stopped), when
 * `at` starts one; else a second. A reader in step never reads a minute whole: one minute of a large import is
 * one unbounded answer (ADR 0018), a second's is bounded by what the store writes in a second.
 */
function bucketSize(at: number, settled: number): number {
  for (const size of [HOUR, MINUTE]) if (at % size === 0 && settled - at >= FAR_BEHIND.get(size)!) return size;
  return SECOND;
}

function bucketOf(at: number, size: number): string {
  const [hour, minute, second] = feedBucketsOf(feedSecondOf(new Date(at).toISOString()));
  return size === HOUR ? hour : size === MINUTE ? minute : second;
}
