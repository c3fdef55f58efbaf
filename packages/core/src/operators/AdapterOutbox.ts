import { inject, injectable } from 'inversify';
import { NotFoundError, type ParticipationMove } from '@flexroll/sdk';
import { type Clock, type CoreSettings, type CoreLogger, type CallContext, inInstanceScope, type Page, type PageRequest, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { InstanceRules, ChangeResult, EnrollmentEvent } from '../enrollments/index.js';
import type { AdapterOutboxItem, AdapterOutboxRepository, AdapterOutboxStatus } from './ports/AdapterOutboxRepository.js';
import type { ProgramInstanceRepository } from '../programs/index.js';

/** The outbox item id for one participation move (or creation): derived from its event, so it is never owed twice. */
export const outboxItemId = (eventId: string): string => `obx_${eventId.replace(/^evt_/, '')}`;

/**
 * The adapter outbox's front: what a change owes its adapter (one item per participation move, enqueued after the
 * append instead of calling the adapter while the request waits), and the dead letters an API client can list and
 * send again. Delivery is {@link AdapterOutboxTask}'s.
 */
@injectable()
export class AdapterOutbox {
  constructor(
    @inject(STORE_TOKENS.adapterOutbox) private readonly items: AdapterOutboxRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  /**
   * One item per `participation.state_changed` of a change, if the adapter wants to be told. A failed enqueue is
   * logged, not thrown (the change is written); the outbox task's catch-up scan enqueues it later.
   */
  async enqueueMoves(result: ChangeResult, rules: InstanceRules, statusBefore: ParticipationMove['currentStatus']): Promise<void> {
    if (!rules.adapter.notifies) return;
    for (const event of result.events) {
      if (event.type !== 'participation.state_changed') continue;
      try {
        await this.enqueue(event, rules.instance.id, rules.adapter.id, statusBefore);
      } catch (error) {
        this.logger.error('adapter outbox enqueue failed; the catch-up scan will retry', { workspaceId: event.workspaceId, enrollmentId: event.enrollmentId, seq: event.seq, error: (error as Error).message });
      }
    }
  }

  /**
   * The item telling the adapter of a participation's creation (`onParticipationCreated`), when the events created
   * an enrollment with a participation and the adapter wants to be told. A failed enqueue throws: the caller decides
   * who tries again (see `ChangeRunner.followCreation`).
   */
  async enqueueCreation(events: readonly EnrollmentEvent[], rules: InstanceRules): Promise<void> {
    if (!rules.adapter.notifiesCreation) return;
    const created = events.find((event) => event.type === 'enrollment.created');
    if (created?.type === 'enrollment.created') await this.enqueueCreated(created, rules.instance.id, rules.adapter.id);
  }

  /** Enqueues the creation item of an enrollment's participation (a duplicate is fine: it is already owed). */
  async enqueueCreated(event: Extract<EnrollmentEvent, { type: 'enrollment.created' }>, programInstanceId: string, adapterId: string): Promise<void> {
    const participation = event.data.enrollment.participation;
    if (participation === undefined) return;
    await this.items.enqueue(this.newItem(event, programInstanceId, adapterId, participation.id));
  }

  /** Enqueues one move (a duplicate is fine: it is already owed). */
  async enqueue(event: Extract<EnrollmentEvent, { type: 'participation.state_changed' }>, programInstanceId: string, adapterId: string, statusBefore: ParticipationMove['currentStatus']): Promise<void> {
    const { trigger, from, to, participationId } = event.data;
    await this.items.enqueue({ ...this.newItem(event, programInstanceId, adapterId, participationId), move: { trigger, from, to, currentStatus: statusBefore } });
  }

  /** A pending item for the event that owes it, due now: its id is the event's, so enqueuing it twice is one item. */
  private newItem(event: EnrollmentEvent, programInstanceId: string, adapterId: string, participationId: string): AdapterOutboxItem {
    const now = this.clock.now().toISOString();
    return {
      id: outboxItemId(event.id),
      workspaceId: event.workspaceId,
      programInstanceId,
      adapterId,
      enrollmentId: event.enrollmentId,
      participationId,
      seq: event.seq,
      status: 'pending',
      attempts: 0,
      attemptLimit: this.settings.outboxMaxAttempts,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** One instance's items with a status (`dead`: the dead letters), oldest first; a foreign instance is a 404. */
  async list(context: CallContext, programInstanceId: string, status: AdapterOutboxStatus, page: PageRequest): Promise<Page<AdapterOutboxItem>> {
    await this.requireInstance(context, programInstanceId);
    return this.items.listByInstance(context.workspaceId, programInstanceId, status, page);
  }

  /** Sends a dead letter again: pending now, with a fresh allowance of attempts (numbered on from the last one). */
  async retry(context: CallContext, programInstanceId: string, itemId: string): Promise<AdapterOutboxItem> {
    await this.requireInstance(context, programInstanceId);
    const item = await this.items.get(context.workspaceId, itemId);
    if (item === undefined || item.programInstanceId !== programInstanceId) throw new NotFoundError('adapter_outbox_item', itemId);
    if (item.status !== 'dead') return item;
    const now = this.clock.now().toISOString();
    const revived: AdapterOutboxItem = { ...item, status: 'pending', attemptLimit: item.attempts + this.settings.outboxMaxAttempts, nextAttemptAt: now, updatedAt: now };
    await this.items.replace(revived);
    return revived;
  }

  private async requireInstance(context: CallContext, programInstanceId: string): Promise<void> {
    if (!inInstanceScope(context, programInstanceId) || (await this.instances.get(context.workspaceId, programInstanceId)) === undefined) throw new NotFoundError('program_instance', programInstanceId);
  }
}
