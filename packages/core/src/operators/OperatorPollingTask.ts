import { randomBytes } from 'node:crypto';
import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { DEFAULT_POLLING, FlexrollError, PARTICIPATION_STATES, isTerminalState, type OperatorEventEffect, type ParticipationState, type PollingSettings } from '@flexroll/sdk';
import { AdapterGateway } from './adapters/AdapterGateway.js';
import type { BoundAdapter } from './adapters/BoundAdapter.js';
import { participationViewOf, pollBucket, type Enrollment, type EnrollmentProjectionRepository } from '../enrollments/index.js';
import { type BackgroundTask, type Clock, type CoreSettings, type CoreLogger, claimNextAttempt, type DueBucket, dueWindow, finishAttempt, Lease, minuteBefore, minuteKey, retriedWork, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { ProgramInstance, ProgramInstanceRepository } from '../programs/index.js';
import type { CursorRepository, DeliveryAttemptRepository } from '../webhooks/index.js';
import type { WorkspaceRepository } from '../access/index.js';
import { OperatorReferenceService } from './OperatorReferenceService.js';
import { PollSchedule } from './PollSchedule.js';
import { DueMoments } from '../participation/index.js';
import { SyncApplier } from './SyncApplier.js';

/** Every state a poll may still change: all but INELIGIBLE, OFFBOARDED and FAILED. */
export const POLLED_STATES: readonly ParticipationState[] = PARTICIPATION_STATES.filter((state) => !isTerminalState(state));
/** The most calls one instance gets per poll window: its budget is `MAX_BATCHES_PER_WINDOW × batchSize` participations. */
export const MAX_BATCHES_PER_WINDOW = 10;
const PAGE = 100; // instances per page

/**
 * Polls each program instance's adapter (`syncMany`, else `sync`) for every participation not in a terminal
 * state, and applies what it reports like an operator event (in the operator's order, an illegal trigger recorded as
 * the adapter's fault). It reads only the participations whose poll falls due since the instance's cursor (their
 * `pollMinute`/`pollHour`/`pollDay` keys, ADR 0019), so an idle window costs a few empty equality queries. Budget, per instance
 * and poll window (`polling.intervalSeconds`, 60 s by default): at most {@link MAX_BATCHES_PER_WINDOW} calls of at
 * most `polling.batchSize` (50) participations, longest due first; the rest stay due (the cursor stops before them).
 * Back-off: a participation whose poll reported nothing new waits twice as long each time (its poll slots,
 * `pollSlots.ts`), an instance whose adapter failed likewise, both up to `polling.maxIntervalSeconds` (1800 s). Several workers
 * share the work: an instance's polls are numbered attempts in the attempts port, each claimed by a unique insert
 * once the last one's `nextAttemptAt` has come and held with a renewed lease while it runs, so the budget holds
 * however many run, and a killed worker's poll is taken over once its lease runs out.
 */
@injectable()
export class OperatorPollingTask implements BackgroundTask {
  readonly name = 'operator-polling';
  readonly #workerId = `wrk_${randomBytes(6).toString('hex')}`;
  readonly #schedule = new PollSchedule();

  constructor(
    @inject(STORE_TOKENS.workspaces) private readonly workspaces: WorkspaceRepository,
    @inject(STORE_TOKENS.cursors) private readonly cursors: CursorRepository,
    @inject(new LazyServiceIdentifier(() => DueMoments)) private readonly due: DueMoments,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(STORE_TOKENS.deliveryAttempts) private readonly attempts: DeliveryAttemptRepository,
    @inject(AdapterGateway) private readonly gateway: AdapterGateway,
    @inject(OperatorReferenceService) private readonly references: OperatorReferenceService,
    @inject(SyncApplier) private readonly applier: SyncApplier,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
  ) {}

  get intervalMs(): number {
    return this.settings.pollingTickMs;
  }

  /** Polls every instance whose window is due; the number of participations whose poll changed something. */
  async runOnce(): Promise<number> {
    let changed = 0;
    for (const workspace of await this.workspaces.listAll()) {
      for (let page = 1; ; page++) {
        const found = await this.instances.list(workspace.id, { page, perPage: PAGE });
        for (const instance of found.data) changed += await this.pollInstance(instance);
        if (page >= found.totalPages) break;
      }
    }
    return changed;
  }

  private async pollInstance(instance: ProgramInstance): Promise<number> {
    // An instance of an adapter this process does not load is another worker's to poll.
    if (!this.gateway.adapters.has(instance.adapter.adapterId)) return 0;
    const adapter = this.gateway.for(instance);
    if (!adapter.syncs) return 0;
    const polling = { ...DEFAULT_POLLING, ...adapter.adapter.manifest.polling };
    const now = this.clock.now().getTime();
    const lease = await this.claimPoll(instance, now);
    if (lease === undefined) return 0;
    const { changed, failed } = await lease.whileHeld(() => this.poll(instance, adapter, polling, now));
    const nextAt = failed ? this.#schedule.instanceFailed(instance.id, now, polling) : this.#schedule.instanceSucceeded(instance.id, now, polling);
    await finishAttempt(this.attempts, lease.attempt, { outcome: failed ? 'failed' : 'succeeded', finishedAt: this.clock.now().toISOString(), nextAttemptAt: new Date(nextAt).toISOString() });
    return changed;
  }

  /**
   * One poll of an instance: its participations due since its cursor, longest due first, in batches within the
   * budget. Each one polled is given its next slot; the cursor moves past what was polled, and stops before the
   * first bucket that still holds a participation left for the next window (over the budget, or the adapter failed).
   */
  private async poll(instance: ProgramInstance, adapter: BoundAdapter, polling: Required<PollingSettings>, now: number): Promise<{ changed: number; failed: boolean }> {
    const key = `due-poll:${instance.workspaceId}:${instance.id}`;
    // A first poll reads from the instance's creation on (a day key a day): no participation of it is due earlier.
    const cursor = (await this.cursors.get(key))?.value ?? minuteKey(Date.parse(instance.createdAt) - 60_000);
    const window = dueWindow(cursor, new Date(now));
    const budget = MAX_BATCHES_PER_WINDOW * polling.batchSize;
    const due: Array<{ readonly enrollment: Enrollment; readonly bucket: DueBucket }> = [];
    let leftFrom: DueBucket | undefined;
    for (const bucket of window.buckets) {
      const { field, value } = pollBucket(instance, bucket);
      const found = (await this.projections.listDue(instance.workspaceId, field, value)).filter(polledNow);
      if (due.length + found.length > budget) leftFrom = bucket;
      due.push(...found.slice(0, budget - due.length).map((enrollment) => ({ enrollment, bucket })));
      if (leftFrom !== undefined) break;
    }
    let changed = 0;
    let failed = false;
    for (let start = 0; start < due.length; start += polling.batchSize) {
      const batch = due.slice(start, start + polling.batchSize);
      const reports = await this.ask(instance, adapter, batch.map((item) => item.enrollment));
      if (reports === undefined) {
        failed = true;
        leftFrom = batch[0]!.bucket;
        break;
      }
      for (const { enrollment } of batch) {
        const participationId = enrollment.participation!.id;
        const moved = await this.applier.apply(instance, enrollment.id, participationId, reports.get(participationId) ?? []);
        // A move saved the enrollment with its new keys (its slots start again); a quiet one waits for its next slot.
        if (!moved) await this.projections.reschedule(enrollment.workspaceId, enrollment.id, enrollment.seq, await this.due.keysFor(enrollment, { instance, polledAt: now }));
        if (moved) changed++;
      }
    }
    const stop = leftFrom === undefined ? window.cursor : minuteBefore(leftFrom);
    await this.cursors.put({ key, value: stop < window.cursor ? stop : window.cursor, updatedAt: new Date(now).toISOString() });
    return { changed, failed };
  }

  /** One call to the adapter for a batch; undefined (logged) when it failed. */
  private async ask(instance: ProgramInstance, adapter: BoundAdapter, batch: readonly Enrollment[]): Promise<Map<string, OperatorEventEffect[]> | undefined> {
    try {
      const views = await Promise.all(batch.map(async (enrollment) => participationViewOf(enrollment, await this.references.referencesOf(instance, enrollment.participation!.id))));
      return await adapter.syncMany(views);
    } catch (error) {
      if (!FlexrollError.is(error) || error.kind !== 'adapter') throw error;
      this.logger.warn('operator poll failed; backing off', { workspaceId: instance.workspaceId, programInstanceId: instance.id, adapterId: adapter.id, error: error.message });
      return undefined;
    }
  }

  /**
   * Claims the instance's next poll once the last one's `nextAttemptAt` has come (a unique insert of the attempt:
   * one worker polls it, however many see it due), and removes the poll before the last, which no one needs.
   */
  private async claimPoll(instance: ProgramInstance, now: number): Promise<Lease | undefined> {
    const subjectId = pollSubject(instance.id);
    const known = await this.attempts.listForSubject(instance.workspaceId, subjectId);
    const last = known.at(-1);
    if (last?.nextAttemptAt !== undefined && Date.parse(last.nextAttemptAt) > now) return undefined;
    const { leaseMs } = retriedWork(this.settings).operatorPolling;
    const knownAttempts = last === undefined ? 0 : last.finishedAt === undefined ? last.attempt - 1 : last.attempt;
    const claim = await claimNextAttempt(this.attempts, { workspaceId: instance.workspaceId, subjectId, knownAttempts, claimedBy: this.#workerId, now: new Date(now), leaseMs });
    if (claim.kind !== 'claimed') return undefined;
    for (const old of known.slice(0, -1)) await this.attempts.remove(old);
    return new Lease(this.attempts, claim.attempt, leaseMs, this.clock);
  }
}

const pollSubject = (instanceId: string) => `poll:${instanceId}`;

/** Whether a listed enrollment is still one a poll may change (its keys may lag a move to a terminal state). */
function polledNow(enrollment: Enrollment): boolean {
  return enrollment.participation !== undefined && enrollment.deletedAt === undefined && !isTerminalState(enrollment.participation.state);
}
