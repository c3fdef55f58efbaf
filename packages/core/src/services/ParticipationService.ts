import { inject, injectable } from 'inversify';
import {
  findTriggerToState,
  isTelemetryActive,
  NotFoundError,
  type ParticipationState,
  type ParticipationTrigger,
  type OperatorEvent,
  type OperatorEventEffect,
  type SuspensionReason,
} from '@flexroll/sdk';
import { toParticipationView } from '../adapters/views.js';
import { ChangeRunner } from '../enrollment/ChangeRunner.js';
import { decideParticipationTrigger, type InstanceRules } from '../enrollment/decisions.js';
import { EnrollmentLog } from '../enrollment/EnrollmentLog.js';
import { previewDrafts } from '../enrollment/previewDrafts.js';
import type { CallContext } from '../model/CallContext.js';
import type { Enrollment } from '../model/Enrollment.js';
import type { EventDraft } from '../model/EnrollmentEvent.js';
import type { ConsentRecord, ParticipationFacts } from '../model/Participation.js';
import type { EnrollmentProjectionRepository } from '../ports/EnrollmentProjectionRepository.js';
import { STORE_TOKENS } from '../tokens.js';
import { author } from './EnrollmentService.js';

const HOUR = 60 * 60 * 1000;

/** One state an operator reports having reached, with the suspension reason a move into or out of SUSPENDED needs. */
export interface SubmittedState {
  readonly state: ParticipationState;
  readonly suspensionReason?: SuspensionReason;
}

/** What a trigger carries besides its name: the suspension reason, and a free-text reason for the audit trail. */
export interface TriggerRequest {
  readonly trigger: ParticipationTrigger;
  readonly suspensionReason?: SuspensionReason;
  readonly reason?: string;
}

type Decide = (enrollment: Enrollment, rules: InstanceRules, at: string) => Promise<EventDraft[]> | EventDraft[];

/**
 * VPP participations (seeds 001–002): fire triggers, accept a submitted target state, and record the facts that
 * move a participation on — telemetry, consent, meter access, settlement — each with the trigger it implies.
 */
@injectable()
export class ParticipationService {
  constructor(
    @inject(EnrollmentLog) private readonly log: EnrollmentLog,
    @inject(ChangeRunner) private readonly changes: ChangeRunner,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
  ) {}

  /** The enrollment holding a participation; a foreign or unknown id is the same NotFoundError. */
  async find(context: CallContext, participationId: string): Promise<Enrollment> {
    const page = await this.projections.list(context.workspaceId, { participationId }, { page: 1, perPage: 1 });
    const holder = page.data[0];
    const enrollment = holder === undefined ? undefined : await this.log.load(context.workspaceId, holder.id);
    if (enrollment?.participation?.id !== participationId || enrollment.deletedAt !== undefined) {
      throw new NotFoundError('vpp_participation', participationId);
    }
    return enrollment;
  }

  async trigger(context: CallContext, participationId: string, request: TriggerRequest): Promise<Enrollment> {
    return this.change(context, participationId, async (enrollment, rules, at) =>
      await decideParticipationTrigger(enrollment, rules, at, request.trigger, suspension(request.suspensionReason), request.reason),
    );
  }

  /**
   * Seed 002: the operator submits the state(s) it has reached, in order; for each, the one trigger leading there
   * is fired. All of them are one change: if any is refused, none is written.
   */
  async submitStates(context: CallContext, participationId: string, states: readonly SubmittedState[], referenceId?: string): Promise<Enrollment> {
    return this.change(context, participationId, async (enrollment, rules, at) => {
      const drafts = factDrafts(enrollment, referenceId === undefined ? {} : { referenceId });
      let current = previewDrafts(enrollment, drafts, at);
      for (const { state, suspensionReason } of states) {
        const participation = current.participation!;
        if (participation.state === state && suspensionReason === undefined) continue;
        const trigger = findTriggerToState(participation, state, {
          ...suspension(suspensionReason),
          meterAccessRequired: rules.instance.meterAccessRequired,
          meterAccessAvailable: participation.meterAccessAvailable,
        });
        const step = await decideParticipationTrigger(current, rules, at, trigger, suspension(suspensionReason));
        drafts.push(...step);
        current = previewDrafts(current, step, at);
      }
      return drafts;
    });
  }

  /** Telemetry arrived: first telemetry moves AWAITING_TELEMETRY on; fresh telemetry clears the AWAITING_TELEMETRY suspension. */
  async recordTelemetry(context: CallContext, participationId: string, receivedAt: string): Promise<Enrollment> {
    return this.change(context, participationId, async (enrollment, rules, at) => {
      const previous = enrollment.participation!.lastTelemetryAt;
      const latest = previous !== undefined && previous > receivedAt ? previous : receivedAt;
      const drafts = factDrafts(enrollment, { lastTelemetryAt: latest });
      const current = previewDrafts(enrollment, drafts, at);
      const { state, suspensionReasons } = current.participation!;
      const fresh = isTelemetryActive(latest, new Date(at), rules.instance.telemetryStalenessHours * HOUR);
      if (state === 'AWAITING_TELEMETRY') return [...drafts, ...(await decideParticipationTrigger(current, rules, at, 'telemetry_received'))];
      if (fresh && suspensionReasons.includes('AWAITING_TELEMETRY')) {
        return [...drafts, ...(await decideParticipationTrigger(current, rules, at, 'suspension_cleared', { reason: 'AWAITING_TELEMETRY' }, 'telemetry resumed'))];
      }
      return drafts;
    });
  }

  /** Consent recorded: AWAITING_CONSENT moves on, or the AWAITING_CONSENT suspension clears. */
  async grantConsent(context: CallContext, participationId: string, consent: ConsentRecord): Promise<Enrollment> {
    return this.change(context, participationId, async (enrollment, rules, at) => {
      const drafts = factDrafts(enrollment, { consent });
      const current = previewDrafts(enrollment, drafts, at);
      const { state, suspensionReasons } = current.participation!;
      if (state === 'AWAITING_CONSENT') return [...drafts, ...(await decideParticipationTrigger(current, rules, at, 'consent_granted'))];
      if (suspensionReasons.includes('AWAITING_CONSENT')) {
        return [...drafts, ...(await decideParticipationTrigger(current, rules, at, 'suspension_cleared', { reason: 'AWAITING_CONSENT' }, 'consent renewed'))];
      }
      return drafts;
    });
  }

  /** Consent revoked: a participating device is suspended with AWAITING_CONSENT. */
  async revokeConsent(context: CallContext, participationId: string): Promise<Enrollment> {
    return this.change(context, participationId, async (enrollment, rules, at) => {
      const consent = enrollment.participation!.consent;
      if (consent === undefined || consent.revokedAt !== undefined) return [];
      const drafts = factDrafts(enrollment, { consent: { ...consent, revokedAt: at } });
      const current = previewDrafts(enrollment, drafts, at);
      const { state, suspensionReasons } = current.participation!;
      if ((state === 'ACTIVE' || state === 'SUSPENDED') && !suspensionReasons.includes('AWAITING_CONSENT')) {
        return [...drafts, ...(await decideParticipationTrigger(current, rules, at, 'suspension_raised', { reason: 'AWAITING_CONSENT' }, 'consent revoked'))];
      }
      return drafts;
    });
  }

  async grantMeterAccess(context: CallContext, participationId: string): Promise<Enrollment> {
    return this.change(context, participationId, async (enrollment, rules, at) => {
      const drafts = factDrafts(enrollment, { meterAccessAvailable: true });
      const current = previewDrafts(enrollment, drafts, at);
      if (current.participation!.state !== 'AWAITING_METER_ACCESS') return drafts;
      return [...drafts, ...(await decideParticipationTrigger(current, rules, at, 'meter_access_granted'))];
    });
  }

  /** Rewards settled; the wind-down sweep completes WINDING_DOWN once the notice period has also elapsed. */
  async markRewardsSettled(context: CallContext, participationId: string, settledAt: string): Promise<Enrollment> {
    return this.change(context, participationId, (enrollment) => factDrafts(enrollment, { rewardsSettledAt: settledAt }));
  }

  /** Records the operator's native state as its adapter reports it, so a disagreement between the models shows. */
  async recordOperatorState(context: CallContext, participationId: string, nativeState: string): Promise<Enrollment> {
    return this.change(context, participationId, (enrollment) => factDrafts(enrollment, { operatorNativeState: nativeState }));
  }

  /**
   * An operator event for a program instance (validated by the caller against the adapter's schema): the adapter
   * says what it means, the platform records the operator's native state and fires the trigger if it is legal.
   */
  async applyOperatorEvent(context: CallContext, participationId: string, event: OperatorEvent): Promise<Enrollment> {
    return this.change(context, participationId, async (enrollment, rules, at) => {
      const effect = await rules.adapter.mapOperatorEvent(event, toParticipationView(enrollment.participation!));
      return this.effectDrafts(enrollment, rules, at, effect);
    });
  }

  /** The drafts of an operator's reported effect: its native state, then its trigger. Used by events and by sync. */
  async effectDrafts(enrollment: Enrollment, rules: InstanceRules, at: string, effect: OperatorEventEffect): Promise<EventDraft[]> {
    const drafts = effect.nativeState === undefined ? [] : factDrafts(enrollment, { operatorNativeState: effect.nativeState });
    if (effect.trigger === undefined) return drafts;
    const current = previewDrafts(enrollment, drafts, at);
    return [...drafts, ...(await decideParticipationTrigger(current, rules, at, effect.trigger, suspension(effect.suspensionReason), effect.reason))];
  }

  private async change(context: CallContext, participationId: string, decide: Decide): Promise<Enrollment> {
    const found = await this.find(context, participationId);
    const result = await this.changes.run(context.workspaceId, found.id, author(context), decide);
    if (result === undefined) throw new NotFoundError('vpp_participation', participationId);
    return result.enrollment;
  }
}

/** A `participation.updated` event for the facts that really change, or nothing. */
export function factDrafts(enrollment: Enrollment, facts: ParticipationFacts): EventDraft[] {
  const participation = enrollment.participation!;
  const changed = Object.fromEntries(
    Object.entries(facts).filter(([key, value]) => JSON.stringify(participation[key as keyof ParticipationFacts]) !== JSON.stringify(value)),
  ) as ParticipationFacts;
  if (Object.keys(changed).length === 0) return [];
  return [{ type: 'participation.updated', data: { participationId: participation.id, facts: changed } }];
}

function suspension(reason: SuspensionReason | undefined): { reason?: SuspensionReason } {
  return reason === undefined ? {} : { reason };
}
