import { inject, injectable } from 'inversify';
import { FlexrollError, IllegalTransitionError, isTelemetryActive, type ParticipationTrigger, type SuspensionReason } from '@flexroll/sdk';
import type { Clock } from '../clock/Clock.js';
import type { CoreSettings } from '../CoreSettings.js';
import { toParticipationView } from '../adapters/views.js';
import { ChangeRunner } from '../enrollment/ChangeRunner.js';
import { decideParticipationTrigger, type InstanceRules } from '../enrollment/decisions.js';
import { previewDrafts } from '../enrollment/previewDrafts.js';
import { EnrollmentLog } from '../enrollment/EnrollmentLog.js';
import type { Enrollment } from '../model/Enrollment.js';
import type { EventDraft } from '../model/EnrollmentEvent.js';
import type { EnrollmentEventRepository } from '../ports/EnrollmentEventRepository.js';
import type { EnrollmentProjectionRepository } from '../ports/EnrollmentProjectionRepository.js';
import type { WorkspaceRepository } from '../ports/WorkspaceRepository.js';
import { CORE_TOKENS, STORE_TOKENS } from '../tokens.js';
import { ParticipationService } from '../services/ParticipationService.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const BATCH = 100;

/** What one sweep did. */
export interface SweepReport {
  readonly applied: number;
  readonly repaired: number;
}

/**
 * The scheduled sweeps: telemetry staleness, consent expiry, wind-down completion and projection repair.
 * Each decision is taken again on the freshest state inside the log's append, so any number of sweepers may run
 * at once: the loser of a race re-decides, finds the work done, and appends nothing.
 */
@injectable()
export class SweepService {
  constructor(
    @inject(EnrollmentLog) private readonly log: EnrollmentLog,
    @inject(ChangeRunner) private readonly changes: ChangeRunner,
    @inject(ParticipationService) private readonly participations: ParticipationService,
    @inject(STORE_TOKENS.workspaces) private readonly workspaces: WorkspaceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  async runOnce(): Promise<SweepReport> {
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
      const stored = await this.projections.get(workspaceId, id);
      const current = await this.log.load(workspaceId, id);
      if (current !== undefined && stored?.seq !== current.seq) repaired++;
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
      const result = await this.changes.run(workspaceId, enrollmentId, author, (enrollment, rules, at) => this.decide(enrollment, rules, at));
      return result?.events.length ? 1 : 0;
    } catch (error) {
      // One enrollment's failure (an adapter that failed, recorded on it) must not stop the sweep of the rest.
      if (FlexrollError.is(error) && error.kind !== 'internal') return 0;
      throw error;
    }
  }

  /** The changes a sweep makes to this enrollment now, if any; re-run on fresh state after a lost race. */
  private async decide(enrollment: Enrollment, rules: InstanceRules, at: string): Promise<EventDraft[]> {
    if (enrollment.participation === undefined || enrollment.deletedAt !== undefined) return [];
    const drafts: EventDraft[] = [];
    let current = enrollment;
    for (const rule of [syncRule(this.participations), windDownRule, telemetryRule, consentRule]) {
      const step = await rule(current, rules, at);
      if (step.length === 0) continue;
      drafts.push(...step);
      current = previewDrafts(current, step, at);
    }
    return drafts;
  }
}

type SweepRule = (enrollment: Enrollment, rules: InstanceRules, at: string) => Promise<EventDraft[]> | EventDraft[];

const fire = (enrollment: Enrollment, rules: InstanceRules, at: string, trigger: ParticipationTrigger, note: string, reason?: SuspensionReason) =>
  decideParticipationTrigger(enrollment, rules, at, trigger, reason === undefined ? {} : { reason }, note);

/**
 * What the operator's API reports now (the adapter's optional sync hook), applied like an operator event. A trigger
 * the participation cannot take now is recorded as an `adapter.failed` event beside the native state, and the
 * other sweep rules still run.
 */
const syncRule =
  (participations: ParticipationService): SweepRule =>
  async (enrollment, rules, at) => {
    const effect = await rules.adapter.sync(toParticipationView(enrollment.participation!));
    if (effect === undefined) return [];
    try {
      return await participations.effectDrafts(enrollment, rules, at, effect);
    } catch (error) {
      if (!(error instanceof IllegalTransitionError) && !(FlexrollError.is(error) && error.kind === 'input')) throw error;
      const { trigger: _refused, ...rest } = effect;
      const failure: EventDraft = { type: 'adapter.failed', data: { adapterId: rules.adapter.id, operation: 'sync', code: (error as FlexrollError).code, message: (error as Error).message } };
      return [...(await participations.effectDrafts(enrollment, rules, at, rest)), failure];
    }
  };

/** WINDING_DOWN → UNENROLLED once the notice period has elapsed since it began and the rewards are settled. */
const windDownRule: SweepRule = (enrollment, rules, at) => {
  const participation = enrollment.participation!;
  if (participation.state !== 'WINDING_DOWN' || participation.rewardsSettledAt === undefined) return [];
  const windingSince = participation.history.at(-1)?.occurredAt ?? at;
  const noticeElapsed = Date.parse(at) - Date.parse(windingSince) >= rules.instance.noticePeriodDays * DAY;
  return noticeElapsed ? fire(enrollment, rules, at, 'wind_down_completed', 'notice period elapsed and rewards settled') : [];
};

/** Stale telemetry raises the AWAITING_TELEMETRY suspension; fresh telemetry clears it. */
const telemetryRule: SweepRule = (enrollment, rules, at) => {
  const { state, suspensionReasons, lastTelemetryAt } = enrollment.participation!;
  if (state !== 'ACTIVE' && state !== 'SUSPENDED') return [];
  const fresh = isTelemetryActive(lastTelemetryAt, new Date(at), rules.instance.telemetryStalenessHours * HOUR);
  const raised = suspensionReasons.includes('AWAITING_TELEMETRY');
  if (!fresh && !raised) return fire(enrollment, rules, at, 'suspension_raised', 'telemetry is stale', 'AWAITING_TELEMETRY');
  if (fresh && raised) return fire(enrollment, rules, at, 'suspension_cleared', 'telemetry resumed', 'AWAITING_TELEMETRY');
  return [];
};

/** Revoked or expired consent raises the AWAITING_CONSENT suspension (renewal clears it, in ParticipationService). */
const consentRule: SweepRule = (enrollment, rules, at) => {
  const { state, suspensionReasons, consent } = enrollment.participation!;
  if (state !== 'ACTIVE' && state !== 'SUSPENDED') return [];
  // Without a recorded consent the trigger history is the authority (consent_granted was fired by the operator).
  const lapsed = consent !== undefined && (consent.revokedAt !== undefined || (consent.expiresAt !== undefined && consent.expiresAt <= at));
  if (!lapsed || suspensionReasons.includes('AWAITING_CONSENT')) return [];
  return fire(enrollment, rules, at, 'suspension_raised', 'consent is missing or has expired', 'AWAITING_CONSENT');
};
