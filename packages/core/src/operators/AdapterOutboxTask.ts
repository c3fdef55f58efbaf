import { randomBytes } from 'node:crypto';
import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { AdapterError, FlexrollError } from '@flexroll/sdk';
import { AdapterGateway } from './adapters/AdapterGateway.js';
import { customerDataShared, participationViewOf, EnrollmentLog, type EventDraft } from '../enrollments/index.js';
import { type BackgroundTask, drainTask, type Clock, type CoreSettings, claimNextAttempt, finishAttempt, Lease, type CoreLogger, type CoreMetrics, longestWait, waitAfter, retriedWork, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { DeliveryAttempt, DeliveryAttemptRepository } from '../webhooks/index.js';
import type { AdapterOutboxItem, AdapterOutboxRepository } from './ports/AdapterOutboxRepository.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { OutboxCatchUp } from './OutboxCatchUp.js';
import { outboxIdempotencyKey } from './outboxIdempotencyKey.js';
import { OperatorReferenceService } from './OperatorReferenceService.js';

const BATCH = 100;
const ABANDONED = 'the worker making this attempt stopped before it finished (its lease expired)';

/**
 * Delivers the adapter outbox: each pending item whose time has come, the oldest of each enrollment first (a
 * later move of an enrollment waits while an earlier one, or its creation, is undelivered), through the adapter's
 * `onParticipationCreated` or `onParticipationChanged`, with the customer's data the instance granted (each
 * hand-over first recorded on the enrollment as `adapter.customer_data_shared`). An attempt is claimed in the attempts port (`claimNextAttempt`: a unique insert of
 * `(item, attempt)`), so several workers never make the same attempt, and held with a renewed {@link Lease} while
 * the adapter is called; a claim whose worker died expires, counts as a failed attempt, and the next is made at
 * once. A failure waits the outbox's back-off (`retriedWork`: between half and all of
 * `outboxBackoffBaseMs · 2^(attempt−1)`, capped at `outboxBackoffMaxMs`) — unless the operator said how long to
 * wait (an `OperatorCallError` with `retryAfterMs`, from its `Retry-After`), which is the next attempt's time instead
 * (capped at `outboxBackoffMaxMs`, as a webhook receiver's `Retry-After` is capped at its schedule's longest wait).
 * After `attemptLimit` attempts the item is a dead letter, recorded on the enrollment as `adapter.failed` and listed
 * by the API. Every attempt of an item hands the adapter the same `context.idempotencyKey` ({@link outboxIdempotencyKey}).
 */
@injectable()
export class AdapterOutboxTask implements BackgroundTask {
  readonly name = 'adapter-outbox';
  readonly #workerId = `wrk_${randomBytes(6).toString('hex')}`;

  constructor(
    @inject(STORE_TOKENS.adapterOutbox) private readonly items: AdapterOutboxRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.deliveryAttempts) private readonly attempts: DeliveryAttemptRepository,
    @inject(AdapterGateway) private readonly gateway: AdapterGateway,
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(OperatorReferenceService) private readonly references: OperatorReferenceService,
    @inject(OutboxCatchUp) private readonly catchUp: OutboxCatchUp,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
    @inject(CORE_TOKENS.metrics) private readonly metrics: CoreMetrics,
  ) {}

  get intervalMs(): number {
    return this.settings.outboxIntervalMs;
  }

  /** One pass: the catch-up scan when it is due, then every item due now; the number delivered or given up. */
  async runOnce(): Promise<number> {
    await this.catchUp.runIfDue();
    const now = this.clock.now().toISOString();
    const pending = await this.items.listPending(BATCH);
    let done = 0;
    for (const item of firstOfEachEnrollment(pending)) {
      if (item.nextAttemptAt <= now && (await this.attempt(item))) done++;
    }
    return done;
  }

  /** Runs passes until one finds nothing to do (for tests and the kit: everything due is delivered or scheduled). */
  drain(): Promise<number> {
    return drainTask(this);
  }

  /** Claims and makes the next attempt of one item; true when the item left the pending state. */
  private async attempt(item: AdapterOutboxItem): Promise<boolean> {
    const { leaseMs } = retriedWork(this.settings).adapterOutbox;
    const claim = await claimNextAttempt(this.attempts, { workspaceId: item.workspaceId, subjectId: item.id, knownAttempts: item.attempts, claimedBy: this.#workerId, now: this.clock.now(), leaseMs });
    if (claim.kind === 'busy') return false;
    // The item lags an attempt that finished (its worker died between the two writes): bring it up to date.
    if (claim.kind === 'stale') return this.repair(item, claim.last);
    if (claim.abandoned !== undefined) {
      // The dead worker's attempt counts as failed; unless it was the last allowed, this claim makes the next now.
      if (await this.settle(item, claim.abandoned.attempt, ABANDONED)) {
        await finishAttempt(this.attempts, claim.attempt, { outcome: 'abandoned', finishedAt: this.clock.now().toISOString(), error: ABANDONED });
        return true;
      }
      item = { ...item, attempts: claim.abandoned.attempt, lastError: ABANDONED };
    }
    const lease = new Lease(this.attempts, claim.attempt, leaseMs, this.clock);
    let error: string | undefined;
    let retryAfterMs: number | undefined;
    try {
      await lease.whileHeld(() => this.deliver(item));
    } catch (thrown) {
      error = FlexrollError.is(thrown) ? thrown.message : 'the outbox could not deliver this item';
      if (FlexrollError.is(thrown) && thrown.kind === 'adapter') retryAfterMs = (thrown as AdapterError).retryAfterMs;
      if (!FlexrollError.is(thrown)) this.logger.error('adapter outbox delivery crashed', { itemId: item.id, error: (thrown as Error).message });
    }
    const at = this.clock.now().toISOString();
    await finishAttempt(this.attempts, lease.attempt, { outcome: error === undefined ? 'succeeded' : 'failed', finishedAt: at, ...(error === undefined ? {} : { error }) });
    if (error !== undefined) return this.settle(item, claim.attempt.attempt, error, retryAfterMs);
    await this.items.replace({ ...item, status: 'delivered', attempts: claim.attempt.attempt, updatedAt: at, deliveredAt: at });
    return true;
  }

  /** An item brought up to date with its last finished attempt; true when that left it delivered or dead. */
  private async repair(item: AdapterOutboxItem, last: DeliveryAttempt): Promise<boolean> {
    if (last.outcome !== 'succeeded') return this.settle(item, last.attempt, last.error ?? ABANDONED);
    const at = last.finishedAt ?? this.clock.now().toISOString();
    await this.items.replace({ ...item, status: 'delivered', attempts: last.attempt, updatedAt: at, deliveredAt: at });
    return true;
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

  /**
   * A failed attempt: retried after the operator's `Retry-After` when it gave one, else after a jittered back-off, or
   * a dead letter recorded on its enrollment.
   */
  private async settle(item: AdapterOutboxItem, attempt: number, error: string, retryAfterMs?: number): Promise<boolean> {
    const now = this.clock.now();
    const dead = attempt >= item.attemptLimit;
    const { backoff } = retriedWork(this.settings).adapterOutbox;
    // The operator's hint as it is; else half the back-off for sure, half at random (the outbox's row of the one
    // schedule table): retries spread out.
    const waitMs = retryAfterMs === undefined ? waitAfter(backoff, attempt)! : Math.min(retryAfterMs, longestWait(backoff));
    const nextAttemptAt = new Date(now.getTime() + waitMs).toISOString();
    await this.items.replace({ ...item, status: dead ? 'dead' : 'pending', attempts: attempt, lastError: error, nextAttemptAt, updatedAt: now.toISOString() });
    this.logger.warn('adapter outbox attempt failed', { workspaceId: item.workspaceId, enrollmentId: item.enrollmentId, itemId: item.id, adapterId: item.adapterId, attempt, dead, error });
    if (dead) {
      this.metrics.outboxDeadLetter(item.adapterId);
      await this.recordDeadLetter(item, attempt, error);
    }
    return dead;
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

/** Of the pending items, each enrollment's earliest move: a later one waits for it, so moves arrive in order. */
function firstOfEachEnrollment(pending: readonly AdapterOutboxItem[]): AdapterOutboxItem[] {
  const first = new Map<string, AdapterOutboxItem>();
  for (const item of pending) {
    const key = `${item.workspaceId}/${item.enrollmentId}`;
    const held = first.get(key);
    if (held === undefined || item.seq < held.seq) first.set(key, item);
  }
  return [...first.values()];
}
