import { inject, injectable } from 'inversify';
import { FlexrollError, type ParticipationTrigger, type SuspensionReason } from '@flexroll/sdk';
import type { Clock } from '../clock/Clock.js';
import type { CoreSettings } from '../CoreSettings.js';
import { ChangeRunner } from '../enrollment/ChangeRunner.js';
import { fireParticipationTrigger, requireParticipation, type InstanceRules } from '../enrollment/decisions.js';
import type { EnrollmentChange } from '../enrollment/EnrollmentChange.js';
import { EnrollmentLog } from '../enrollment/EnrollmentLog.js';
import { participationFlags } from '../participation/participationFlags.js';
import type { EnrollmentEventRepository } from '../ports/EnrollmentEventRepository.js';
import type { EnrollmentProjectionRepository } from '../ports/EnrollmentProjectionRepository.js';
import type { WorkspaceRepository } from '../ports/WorkspaceRepository.js';
import { CORE_TOKENS, STORE_TOKENS } from '../tokens.js';
import type { BackgroundTask } from '../background/BackgroundTask.js';

const DAY = 24 * 60 * 60 * 1000;
const BATCH = 100;

/** What one sweep did. */
export interface SweepReport {
  readonly applied: number;
  readonly repaired: number;
}

/**
 * The scheduled sweeps: telemetry staleness, consent expiry, wind-down completion and projection repair. (Polling
 * the operator through the adapter's sync is a task of its own, OperatorPollingTask, in every non-terminal state.)
 * Each decision is taken again on the freshest state inside the log's append, so any number of sweepers may run
 * at once: the loser of a race re-decides, finds the work done, and appends nothing.
 */
@injectable()
export class SweepService implements BackgroundTask {
  readonly name = 'sweeps';
  constructor(
    @inject(EnrollmentLog) private readonly log: EnrollmentLog,
    @inject(ChangeRunner) private readonly changes: ChangeRunner,
    @inject(STORE_TOKENS.workspaces) private readonly workspaces: WorkspaceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  get intervalMs(): number {
    return this.settings.sweepIntervalMs;
  }

  /** One pass over every workspace; as a background task, the number of enrollments it changed or repaired. */
  async runOnce(): Promise<number> {
    const { applied, repaired } = await this.sweep();
    return applied + repaired;
  }

  async sweep(): Promise<SweepReport> {
    let applied = 0;
    let repaired = 0;
    for (const workspace of await this.workspaces.listAll()) {
      repaired += await this.repairProjections(workspace.id);
      applied += await this.sweepParticipations(workspace.id);
    }
    return { applied, repaired };
  }

  /** Reads every enrollment with recent events, which folds in whatever its projection missed. */
  private async repairProjections(workspaceId: string): Promise<number> {
    const since = new Date(this.clock.now().getTime() - this.settings.projectionRepairWindowMs).toISOString();
    let repaired = 0;
    for (const id of await this.events.enrollmentIdsWithEventsSince(workspaceId, since)) {
      if (await this.log.repair(workspaceId, id)) repaired++;
    }
    return repaired;
  }

  private async sweepParticipations(workspaceId: string): Promise<number> {
    let applied = 0;
    const filter = { participationStates: ['ACTIVE', 'SUSPENDED', 'WINDING_DOWN'] as const };
    for (let page = 1; ; page++) {
      const found = await this.projections.list(workspaceId, filter, { page, perPage: BATCH });
      for (const candidate of found.data) applied += await this.sweepOne(workspaceId, candidate.id);
      if (page >= found.totalPages) return applied;
    }
  }

  private async sweepOne(workspaceId: string, enrollmentId: string): Promise<number> {
    const author = { actor: { type: 'sweep', id: 'scheduled-sweep' }, source: 'sweep' } as const;
    try {
      const result = await this.changes.run(workspaceId, enrollmentId, author, (change, rules) => sweepRules(change, rules));
      return result?.events.length ? 1 : 0;
    } catch (error) {
      // One enrollment's failure (an adapter that failed, recorded on it) must not stop the sweep of the rest.
      if (FlexrollError.is(error) && error.kind !== 'internal') return 0;
      throw error;
    }
  }
}

type SweepRule = (change: EnrollmentChange, rules: InstanceRules) => void | Promise<void>;

/** The changes a sweep makes to this enrollment now, if any, rule after rule; re-run on fresh state after a lost race. */
async function sweepRules(change: EnrollmentChange, rules: InstanceRules): Promise<void> {
  const { participation, deletedAt } = change.current;
  if (participation === undefined || deletedAt !== undefined) return;
  for (const rule of [windDownRule, telemetryRule, consentRule]) await rule(change, rules);
}

const fire = (change: EnrollmentChange, rules: InstanceRules, trigger: ParticipationTrigger, note: string, reason?: SuspensionReason) =>
  fireParticipationTrigger(change, rules, trigger, reason === undefined ? {} : { reason }, note);

/** WINDING_DOWN → UNENROLLED once the notice period has elapsed since it began and the rewards are settled. */
const windDownRule: SweepRule = (change, rules) => {
  const participation = requireParticipation(change.current.participation);
  if (participation.state !== 'WINDING_DOWN' || participation.rewardsSettledAt === undefined) return;
  const windingSince = participation.history.at(-1)?.occurredAt ?? change.at;
  const noticeElapsed = Date.parse(change.at) - Date.parse(windingSince) >= rules.instance.noticePeriodDays * DAY;
  if (noticeElapsed) return fire(change, rules, 'wind_down_completed', 'notice period elapsed and rewards settled');
};

/** Stale telemetry raises the AWAITING_TELEMETRY suspension; fresh telemetry clears it. */
const telemetryRule: SweepRule = (change, rules) => {
  const participation = requireParticipation(change.current.participation);
  if (participation.state !== 'ACTIVE' && participation.state !== 'SUSPENDED') return;
  const fresh = participationFlags(participation, rules.instance, new Date(change.at)).telemetryActive;
  const raised = participation.suspensionReasons.includes('AWAITING_TELEMETRY');
  if (!fresh && !raised) return fire(change, rules, 'suspension_raised', 'telemetry is stale', 'AWAITING_TELEMETRY');
  if (fresh && raised) return fire(change, rules, 'suspension_cleared', 'telemetry resumed', 'AWAITING_TELEMETRY');
};

/** Revoked or expired consent raises the AWAITING_CONSENT suspension (renewal clears it, in ParticipationService). */
const consentRule: SweepRule = (change, rules) => {
  const { state, suspensionReasons, consent } = requireParticipation(change.current.participation);
  if (state !== 'ACTIVE' && state !== 'SUSPENDED') return;
  // Without a recorded consent the trigger history is the authority (consent_granted was fired by the operator).
  const lapsed = consent !== undefined && (consent.revokedAt !== undefined || (consent.expiresAt !== undefined && consent.expiresAt <= change.at));
  if (!lapsed || suspensionReasons.includes('AWAITING_CONSENT')) return;
  return fire(change, rules, 'suspension_raised', 'consent is missing or has expired', 'AWAITING_CONSENT');
};
