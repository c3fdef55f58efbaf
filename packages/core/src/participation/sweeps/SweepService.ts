import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { FlexrollError } from '@flexroll/sdk';
import { type Clock, type CoreSettings, CORE_TOKENS, dueWindow, STORE_TOKENS, type BackgroundTask } from '../../platform/index.js';
import { ChangeRunner, type Enrollment, type InstanceRules, type EnrollmentChange, type EnrollmentProjectionRepository, reviewBucket } from '../../enrollments/index.js';
import type { ProgramInstance } from '../../programs/index.js';
import type { CursorRepository } from '../../webhooks/index.js';
import { DueMoments } from '../due/DueMoments.js';
import { applyPolicy } from '../applyPolicy.js';
import { announceDeadlines } from '../announceDeadlines.js';
import { decideConsent, decideTelemetry, decideWindDown } from '../participationPolicy.js';
import type { WorkspaceRepository } from '../../access/index.js';

/** What one sweep did. */
export interface SweepReport {
  readonly applied: number;
}

/**
 * The scheduled sweeps: telemetry staleness, consent expiry, wind-down completion and deadline alerts. (Projection repair follows
 * the event feed: enrollments' ProjectionRepair. Polling the operator through the adapter's sync is a task of its
 * own, OperatorPollingTask, in every non-terminal state.) The review reads only the enrollments whose due keys fall
 * since its cursor (ADR 0019): an idle pass costs a few empty equality queries, whatever the workspace's size.
 * Each decision is taken again on the freshest state inside the log's append, so any number of sweepers may run
 * at once: the loser of a race re-decides, finds the work done, and appends nothing.
 */
@injectable()
export class SweepService implements BackgroundTask {
  readonly name = 'sweeps';
  constructor(
    @inject(new LazyServiceIdentifier(() => ChangeRunner)) private readonly changes: ChangeRunner,
    @inject(STORE_TOKENS.workspaces) private readonly workspaces: WorkspaceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(STORE_TOKENS.cursors) private readonly cursors: CursorRepository,
    @inject(DueMoments) private readonly due: DueMoments,
  ) {}

  get intervalMs(): number {
    return this.settings.sweepIntervalMs;
  }

  /** One pass over every workspace; as a background task, the number of enrollments it changed. */
  async runOnce(): Promise<number> {
    return (await this.sweep()).applied;
  }

  async sweep(): Promise<SweepReport> {
    let applied = 0;
    for (const workspace of await this.workspaces.listAll()) applied += await this.sweepParticipations(workspace.id);
    return { applied };
  }

  /**
   * Reviews the workspace's enrollments whose review falls due since its cursor, bucket by bucket (ADR 0019), then
   * moves the cursor. Without a cursor (a workspace stored before due keys, or new) it looks at every enrollment once,
   * which stores the due keys of those that had none.
   */
  private async sweepParticipations(workspaceId: string): Promise<number> {
    const key = `due-review:${workspaceId}`;
    const now = this.clock.now();
    const cursor = await this.cursors.get(key);
    const window = dueWindow(cursor?.value, now);
    let applied = 0;
    if (cursor === undefined) {
      for (const id of await this.projections.listIds(workspaceId, {})) applied += await this.sweepOne(workspaceId, id);
    } else {
      for (const bucket of window.buckets) {
        const { field, value } = reviewBucket(workspaceId, bucket);
        for (const due of await this.projections.listDue(workspaceId, field, value)) applied += await this.sweepOne(workspaceId, due.id, due);
      }
    }
    await this.cursors.put({ key, value: window.cursor, updatedAt: now.toISOString() });
    return applied;
  }

  /**
   * Reviews one enrollment on its freshest state. One left as it was gets its due keys stored again (its rules may
   * have changed, or it was read early in its minute); a failed review is tried again on the next pass.
   */
  private async sweepOne(workspaceId: string, enrollmentId: string, listed?: Enrollment): Promise<number> {
    const author = { actor: { type: 'sweep', id: 'scheduled-sweep' }, source: 'sweep' } as const;
    try {
      const result = await this.changes.run(workspaceId, enrollmentId, author, (change, rules) => review(change, rules));
      if (result !== undefined && result.events.length === 0) await this.reschedule(result.enrollment, result.rules.instance);
      return result?.events.length ? 1 : 0;
    } catch (error) {
      // One enrollment's failure (an adapter that failed, recorded on it) must not stop the sweep of the rest.
      if (FlexrollError.is(error) && error.kind !== 'internal') {
        if (listed !== undefined) await this.reschedule(listed);
        return 0;
      }
      throw error;
    }
  }

  private async reschedule(enrollment: Enrollment, instance?: ProgramInstance): Promise<void> {
    const keys = await this.due.keysFor(enrollment, instance === undefined ? {} : { instance });
    await this.projections.reschedule(enrollment.workspaceId, enrollment.id, enrollment.seq, keys);
  }
}

/**
 * The sweep's review of one enrollment, fact after fact (the wind-down first: a completed one leaves nothing to
 * suspend); each is the participation policy's decision, re-taken on fresh state after a lost race. The deadline
 * alerts come last, on the state the other decisions left (a move they made has closed the deadline it ended).
 */
async function review(change: EnrollmentChange, rules: InstanceRules): Promise<void> {
  const { participation, deletedAt } = change.current;
  if (participation === undefined || deletedAt !== undefined) return;
  const reviewed = { kind: 'reviewed' } as const;
  await applyPolicy(change, rules, decideWindDown, reviewed);
  await applyPolicy(change, rules, decideTelemetry, reviewed);
  await applyPolicy(change, rules, decideConsent, reviewed);
  announceDeadlines(change);
}
