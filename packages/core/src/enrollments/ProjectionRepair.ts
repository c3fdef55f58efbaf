import { inject, injectable } from 'inversify';
import { type BackgroundTask, type Clock, type CoreSettings, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import { EnrollmentLog } from './EnrollmentLog.js';
import type { EventFeedRepository } from './ports/EventFeedRepository.js';
import { type FeedPositions, SettledFeed } from './feed/SettledFeed.js';

/**
 * Projection repair, a background task: a process that died between a change's append and its projection save
 * left the projection behind the log. It follows the event feed (each new event read once, ADR 0018) and brings the
 * projection of each enrollment it sees up to date. Reads repair too, so this only serves lists and counts of
 * enrollments nobody reads. The enrollments this process wrote itself, kept at hand, cost nothing.
 */
@injectable()
export class ProjectionRepair implements BackgroundTask {
  readonly name = 'projection-repair';
  readonly #feed: SettledFeed;

  constructor(
    @inject(EnrollmentLog) private readonly log: EnrollmentLog,
    @inject(STORE_TOKENS.eventFeed) feed: EventFeedRepository,
    @inject(STORE_TOKENS.cursors) positions: FeedPositions,
    @inject(CORE_TOKENS.clock) clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {
    const window = settings.projectionRepairWindowMs;
    this.#feed = new SettledFeed(feed, positions, clock, { key: 'projections:repair', settleMs: settings.feedSettleMs, startBackMs: window, horizonMs: window, channel: 'repairable' });
  }

  get intervalMs(): number {
    return this.settings.sweepIntervalMs;
  }

  /** One pass over the feed; how many projections it repaired. */
  async runOnce(): Promise<number> {
    let repaired = 0;
    await this.#feed.read(async (events) => {
      const newest = new Map<string, { workspaceId: string; enrollmentId: string; seq: number }>();
      for (const { workspaceId, enrollmentId, seq } of events) {
        const key = `${workspaceId}/${enrollmentId}`;
        if ((newest.get(key)?.seq ?? 0) < seq) newest.set(key, { workspaceId, enrollmentId, seq });
      }
      for (const { workspaceId, enrollmentId, seq } of newest.values()) {
        if (await this.log.repairBehind(workspaceId, enrollmentId, seq)) repaired++;
      }
    });
    return repaired;
  }
}
