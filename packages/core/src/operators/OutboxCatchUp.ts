import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { type Clock, type CoreSettings, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import { AdapterGateway } from './adapters/AdapterGateway.js';
import { EnrollmentLog, type EnrollmentEvent, type EventFeedRepository, type FeedPositions, SettledFeed } from '../enrollments/index.js';
import type { AdapterOutboxRepository } from './ports/AdapterOutboxRepository.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { AdapterOutbox, outboxItemId } from './AdapterOutbox.js';

/**
 * The outbox's safety net: a process that crashed between a change's append and its enqueue left a move (or a
 * participation's creation) owed but not enqueued. Every `outboxCatchUpEveryMs`, this follows the event feed from where it last stopped (each event
 * read once, ADR 0018; it starts, and never falls further behind than, `outboxCatchUpWindowMs` back) and enqueues
 * each participation move whose item is missing (one equality lookup each; the enqueue itself is idempotent). It
 * runs in this process only when due, and any number of processes may run it.
 */
@injectable()
export class OutboxCatchUp {
  #lastRun = 0;
  readonly #feed: SettledFeed;

  constructor(
    @inject(STORE_TOKENS.eventFeed) feed: EventFeedRepository,
    @inject(STORE_TOKENS.cursors) positions: FeedPositions,
    @inject(STORE_TOKENS.adapterOutbox) private readonly items: AdapterOutboxRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(AdapterGateway) private readonly gateway: AdapterGateway,
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(AdapterOutbox) private readonly outbox: AdapterOutbox,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {
    const window = settings.outboxCatchUpWindowMs;
    this.#feed = new SettledFeed(feed, positions, clock, { key: 'outbox:catch-up', settleMs: settings.feedSettleMs, startBackMs: window, horizonMs: window, channel: 'moves' });
  }

  async runIfDue(): Promise<number> {
    const now = this.clock.now().getTime();
    if (now - this.#lastRun < this.settings.outboxCatchUpEveryMs) return 0;
    this.#lastRun = now;
    let enqueued = 0;
    await this.#feed.read(async (events) => {
      for (const event of events) if (await this.catchUp(event)) enqueued++;
    });
    return enqueued;
  }

  /** Enqueues a participation move, or a participation's creation, whose item is missing; whether it did. */
  private async catchUp(event: EnrollmentEvent): Promise<boolean> {
    const owed = event.type === 'participation.state_changed' || (event.type === 'enrollment.created' && event.data.enrollment.participation !== undefined);
    if (!owed || (await this.items.get(event.workspaceId, outboxItemId(event.id))) !== undefined) return false;
    const enrollment = await this.log.load(event.workspaceId, event.enrollmentId);
    const instance = enrollment === undefined ? undefined : await this.instances.get(event.workspaceId, enrollment.programInstanceId);
    if (instance === undefined || !this.gateway.adapters.has(instance.adapter.adapterId)) return false;
    const adapter = this.gateway.for(instance);
    if (event.type === 'enrollment.created') {
      if (!adapter.notifiesCreation) return false;
      await this.outbox.enqueueCreated(event, instance.id, instance.adapter.adapterId);
      return true;
    }
    if (event.type !== 'participation.state_changed' || !adapter.notifies) return false;
    await this.outbox.enqueue(event, instance.id, instance.adapter.adapterId, enrollment!.eligibility.status);
    return true;
  }
}
