import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { FlexrollError } from '@flexroll/sdk';
import { type CoreSettings, CORE_TOKENS, STORE_TOKENS, type BackgroundTask } from '../../platform/index.js';
import { ChangeRunner, type InstanceRules, type EnrollmentChange, type EnrollmentProjectionRepository } from '../../enrollments/index.js';
import { applyPolicy } from '../applyPolicy.js';
import { decideConsent, decideTelemetry, decideWindDown, REVIEWED_STATES } from '../participationPolicy.js';
import type { WorkspaceRepository } from '../../access/index.js';

const BATCH = 100;

/** What one sweep did. */
export interface SweepReport {
  readonly applied: number;
}

/**
 * The scheduled sweeps: telemetry staleness, consent expiry and wind-down completion. (Projection repair follows
 * the event feed: enrollments' ProjectionRepair. Polling the operator through the adapter's sync is a task of its
 * own, OperatorPollingTask, in every non-terminal state.)
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
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
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

  private async sweepParticipations(workspaceId: string): Promise<number> {
    let applied = 0;
    const filter = { participationStates: REVIEWED_STATES };
    for (let page = 1; ; page++) {
      const found = await this.projections.list(workspaceId, filter, { page, perPage: BATCH });
      for (const candidate of found.data) applied += await this.sweepOne(workspaceId, candidate.id);
      if (page >= found.totalPages) return applied;
    }
  }

  private async sweepOne(workspaceId: string, enrollmentId: string): Promise<number> {
    const author = { actor: { type: 'sweep', id: 'scheduled-sweep' }, source: 'sweep' } as const;
    try {
      const result = await this.changes.run(workspaceId, enrollmentId, author, (change, rules) => review(change, rules));
      return result?.events.length ? 1 : 0;
    } catch (error) {
      // One enrollment's failure (an adapter that failed, recorded on it) must not stop the sweep of the rest.
      if (FlexrollError.is(error) && error.kind !== 'internal') return 0;
      throw error;
    }
  }
}

/**
 * The sweep's review of one enrollment, fact after fact (the wind-down first: a completed one leaves nothing to
 * suspend); each is the participation policy's decision, re-taken on fresh state after a lost race.
 */
async function review(change: EnrollmentChange, rules: InstanceRules): Promise<void> {
  const { participation, deletedAt } = change.current;
  if (participation === undefined || deletedAt !== undefined) return;
  const reviewed = { kind: 'reviewed' } as const;
  await applyPolicy(change, rules, decideWindDown, reviewed);
  await applyPolicy(change, rules, decideTelemetry, reviewed);
  await applyPolicy(change, rules, decideConsent, reviewed);
}
