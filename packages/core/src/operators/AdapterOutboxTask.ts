import { randomBytes } from 'node:crypto';
import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { AdapterError, FlexrollError } from '@flexroll/sdk';
import { AdapterGateway } from './adapters/AdapterGateway.js';
import { customerDataShared, participationViewOf, EnrollmentLog, type EventDraft } from '../enrollments/index.js';
import { type AttemptFailure, type BackgroundTask, drainTask, type Clock, type CoreSettings, type CoreLogger, type CoreMetrics, OutboxAttempts, type OutboxWork, retriedWork, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { DeliveryAttemptRepository } from '../webhooks/index.js';
import type { AdapterOutboxItem, AdapterOutboxRepository } from './ports/AdapterOutboxRepository.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { OutboxCatchUp } from './OutboxCatchUp.js';
import { outboxIdempotencyKey } from './outboxIdempotencyKey.js';
import { OperatorReferenceService } from './OperatorReferenceService.js';

/**
 * Delivers the adapter outbox: each pending item whose time has come, the oldest of each enrollment first (a
 * later move of an enrollment waits while an earlier one, or its creation, is undelivered), through the adapter's
 * `onParticipationCreated` or `onParticipationChanged`, with the customer's data the instance granted (each
 * hand-over first recorded on the enrollment as `adapter.customer_data_shared`). Claims, leases and dead letters are
 * the outboxes' one attempt loop ({@link OutboxAttempts}): several workers never make the same attempt, and a claim
 * whose worker died expires, counts as a failed attempt, and the next is made at once. A failure waits the outbox's back-off (`retriedWork`: between half and all of
 * `outboxBackoffBaseMs · 2^(attempt−1)`, capped at `outboxBackoffMaxMs`) — unless the operator said how long to
 * wait (an `OperatorCallError` with `retryAfterMs`, from its `Retry-After`), which is the next attempt's time instead
 * (capped at `outboxBackoffMaxMs`, as a webhook receiver's `Retry-After` is capped at its schedule's longest wait).
 * After `attemptLimit` attempts the item is a dead letter, recorded on the enrollment as `adapter.failed` and listed
 * by the API. Every attempt of an item hands the adapter the same `context.idempotencyKey` ({@link outboxIdempotencyKey}).
 */
@injectable()
export class AdapterOutboxTask implements BackgroundTask {
  readonly name = 'adapter-outbox';
  readonly #attempts: OutboxAttempts<AdapterOutboxItem>;

  constructor(
    @inject(STORE_TOKENS.adapterOutbox) items: AdapterOutboxRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.deliveryAttempts) attempts: DeliveryAttemptRepository,
    @inject(AdapterGateway) private readonly gateway: AdapterGateway,
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(OperatorReferenceService) private readonly references: OperatorReferenceService,
    @inject(OutboxCatchUp) private readonly catchUp: OutboxCatchUp,
    @inject(CORE_TOKENS.clock) clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
    @inject(CORE_TOKENS.metrics) private readonly metrics: CoreMetrics,
  ) {
    this.#attempts = new OutboxAttempts(items, attempts, clock, logger, `wrk_${randomBytes(6).toString('hex')}`, this.work());
  }

  get intervalMs(): number {
    return this.settings.outboxIntervalMs;
  }

  /** One pass: the catch-up scan when it is due, then every item due now; the number delivered or given up. */
  async runOnce(): Promise<number> {
    await this.catchUp.runIfDue();
    return this.#attempts.runDue();
  }

  /** Runs passes until one finds nothing to do (for tests and the kit: everything due is delivered or scheduled). */
  drain(): Promise<number> {
    return drainTask(this);
  }

  /** What the attempt loop does for this outbox: call the adapter; the operator's `Retry-After`; a dead letter on the enrollment. */
  private work(): OutboxWork<AdapterOutboxItem> {
    return {
      retried: () => retriedWork(this.settings).adapterOutbox,
      failureMessage: 'adapter outbox attempt failed',
      perform: (item) => this.deliver(item),
      failureOf: (thrown, item) => this.failureOf(thrown, item),
      done: (item, attempts, at) => ({ ...item, status: 'delivered', attempts, updatedAt: at, deliveredAt: at }),
      logContext: (item) => ({ adapterId: item.adapterId }),
      afterFailure: async (item, attempt, error, dead) => {
        if (!dead) return;
        this.metrics.outboxDeadLetter(item.adapterId);
        await this.recordDeadLetter(item, attempt, error);
      },
    };
  }

  /** An adapter's failure in its own words (config secrets already redacted), with its `Retry-After`; anything else crashed. */
  private failureOf(thrown: unknown, item: AdapterOutboxItem): AttemptFailure {
    if (!FlexrollError.is(thrown)) {
      this.logger.error('adapter outbox delivery crashed', { itemId: item.id, error: (thrown as Error).message });
      return { error: 'the outbox could not deliver this item' };
    }
    const retryAfterMs = thrown.kind === 'adapter' ? (thrown as AdapterError).retryAfterMs : undefined;
    return { error: thrown.message, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }

  private async deliver(item: AdapterOutboxItem): Promise<void> {
    const instance = await this.instances.get(item.workspaceId, item.programInstanceId);
    if (instance === undefined) throw new FlexrollError('not_found', 'program_instance_not_found', `Program instance '${item.programInstanceId}' no longer exists.`);
    if (instance.adapter.adapterId !== item.adapterId) {
      throw new FlexrollError('conflict', 'adapter_rebound', `The program instance is now bound to adapter '${instance.adapter.adapterId}', not '${item.adapterId}'.`);
    }
    const enrollment = await this.log.load(item.workspaceId, item.enrollmentId);
    if (enrollment?.participation === undefined) throw new FlexrollError('not_found', 'enrollment_not_found', `Enrollment '${item.enrollmentId}' no longer exists.`);
    const references = await this.references.referencesOf(instance, item.participationId);
    const adapter = this.gateway.for(instance);
    const participation = participationViewOf(enrollment, references, adapter.grantedFields);
    // The hand-over is on the enrollment's trail before the adapter sees the data (a failed append hands nothing over).
    if (participation.customer !== undefined) await this.recordHandOver(item, customerDataShared(item.adapterId, operationOf(item), participation.customer));
    if (item.move === undefined) await adapter.notifyCreated(participation, outboxIdempotencyKey(item));
    else await adapter.notify(item.move, participation, outboxIdempotencyKey(item));
  }

  /** One `adapter.customer_data_shared`: which call carried the customer's data, and the names of its fields. */
  private async recordHandOver(item: AdapterOutboxItem, record: EventDraft): Promise<void> {
    const author = { actor: { type: 'adapter', id: item.adapterId }, source: `adapter:${item.adapterId}` } as const;
    await this.log.change(item.workspaceId, item.enrollmentId, author, (change) => change.add(record));
  }

  private async recordDeadLetter(item: AdapterOutboxItem, attempts: number, error: string): Promise<void> {
    const author = { actor: { type: 'adapter', id: item.adapterId }, source: `adapter:${item.adapterId}` } as const;
    const what = item.move === undefined ? 'the participation’s creation' : `${item.move.trigger} (${item.move.from.state} → ${item.move.to.state})`;
    const message = `Gave up telling adapter '${item.adapterId}' of ${what} after ${attempts} attempts: ${error}`;
    await this.log.change(item.workspaceId, item.enrollmentId, author, (change) =>
      change.add({ type: 'adapter.failed', data: { adapterId: item.adapterId, operation: operationOf(item), code: 'adapter_outbox_dead', message } }),
    );
  }
}

/** The adapter hook an item calls. */
function operationOf(item: AdapterOutboxItem): 'onParticipationCreated' | 'onParticipationChanged' {
  return item.move === undefined ? 'onParticipationCreated' : 'onParticipationChanged';
}
