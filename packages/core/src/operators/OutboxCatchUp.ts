import { inject, injectable, LazyServiceIdentifier, multiInject, optional } from 'inversify';
import { type Clock, type CoreSettings, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import { AdapterGateway } from './adapters/AdapterGateway.js';
import { EnrollmentLog, type EnrollmentEvent, type EventFeedRepository, type FeedPositions, type MovesFollower, SettledFeed } from '../enrollments/index.js';
import type { AdapterOutboxRepository } from './ports/AdapterOutboxRepository.js';
import type { ProgramInstance, ProgramInstanceRepository } from '../programs/index.js';
import { AdapterOutbox, outboxItemId } from './AdapterOutbox.js';

/**
 * The outbox's safety net: a process that crashed between a change's append and its enqueue left a move (or a
 * participation's creation) owed but not enqueued. Every `outboxCatchUpEveryMs`, this follows the event feed from where it last stopped (each event
 * read once, ADR 0018; it starts, and never falls further behind than, `outboxCatchUpWindowMs` back) and enqueues
 * each participation move whose item is missing (one equality lookup each; the enqueue itself is idempotent). It
 * runs in this process only when due, and any number of processes may run it. Other outboxes owed something for a
 * move (the customer mail's) follow the same read ({@link MovesFollower}): one cursor, one lookup a second, for all.
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
    @multiInject(CORE_TOKENS.movesFollowers) @optional() private readonly followers: readonly MovesFollower[] = [],
  ) {
    const window = settings.outboxCatchUpWindowMs;
    this.#feed = new SettledFeed(feed, positions, clock, { key: 'outbox:catch-up', settleMs: settings.feedSettleMs, startBackMs: window, horizonMs: window, channel: 'moves' });
  }

  async runIfDue(): Promise<number> {
    const now = this.clock.now().getTime();
    if (now - this.#lastRun < this.settings.outboxCatchUpEveryMs) return 0;
    this.#lastRun = now;
    let enqueued = 0;
    const creators = new Map<string, Promise<ProgramInstance | undefined>>();
    const followers = this.followers.map((follower) => follower.pass());
    await this.#feed.read(async (events) => {
      for (const event of events) {
        if (await this.catchUp(event, creators)) enqueued++;
        for (const follow of followers) if (await follow(event)) enqueued++;
      }
    });
    return enqueued;
  }

  /** Enqueues a participation move, or a participation's creation, whose item is missing; whether it did. */
  private async catchUp(event: EnrollmentEvent, creators: Map<string, Promise<ProgramInstance | undefined>>): Promise<boolean> {
    if (event.type === 'enrollment.created') return this.catchUpCreation(event, creators);
    if (event.type !== 'participation.state_changed' || (await this.items.get(event.workspaceId, outboxItemId(event.id))) !== undefined) return false;
    const enrollment = await this.log.load(event.workspaceId, event.enrollmentId);
    const instance = enrollment === undefined ? undefined : await this.instances.get(event.workspaceId, enrollment.programInstanceId);
    if (instance === undefined || !this.gateway.adapters.has(instance.adapter.adapterId) || !this.gateway.for(instance).notifies) return false;
    await this.outbox.enqueue(event, instance.id, instance.adapter.adapterId, enrollment!.eligibility.status);
    return true;
  }

  /**
   * A creation is owed only where the instance's adapter has `onParticipationCreated`: the event names its instance,
   * read once a pass (an import's thousands of creations cost one instance read, and no item lookup at all when its
   * adapter has no such hook).
   */
  private async catchUpCreation(event: Extract<EnrollmentEvent, { type: 'enrollment.created' }>, creators: Map<string, Promise<ProgramInstance | undefined>>): Promise<boolean> {
    const { participation, programInstanceId } = event.data.enrollment;
    if (participation === undefined) return false;
    const key = `${event.workspaceId}/${programInstanceId}`;
    if (!creators.has(key)) creators.set(key, this.creatorInstance(event.workspaceId, programInstanceId));
    const instance = await creators.get(key)!;
    if (instance === undefined || (await this.items.get(event.workspaceId, outboxItemId(event.id))) !== undefined) return false;
    await this.outbox.enqueueCreated(event, instance.id, instance.adapter.adapterId);
    return true;
  }

  /** The instance, when its adapter wants to hear of creations; undefined otherwise. */
  private async creatorInstance(workspaceId: string, programInstanceId: string): Promise<ProgramInstance | undefined> {
    const instance = await this.instances.get(workspaceId, programInstanceId);
    const notifies = instance !== undefined && this.gateway.adapters.has(instance.adapter.adapterId) && this.gateway.for(instance).notifiesCreation;
    return notifies ? instance : undefined;
  }
}
