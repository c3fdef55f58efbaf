import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import {
  NotFoundError,
  type OperatorEvent,
  type AdapterManifest,
  type OperatorReference,
  type ParticipationTrigger,
  type SuspensionReason,
} from '@flexroll/sdk';
import { participationViewOf, ChangeRunner, type RuledDecision, fireParticipationTrigger, requireParticipation, type InstanceRules, EnrollmentLog, type Enrollment, type ConsentRecord, type Participation, type EnrollmentEventRepository, type EnrollmentEvent, author } from '../enrollments/index.js';
import { applyOperatorReport, type OperatorReport, OperatorReferenceService, driftOf } from '../operators/index.js';
import { type Clock, type CoreSettings, type CallContext, renameInputFields, requireInInstanceScope, type Page, type PageRequest, pageFormWindow, toPage, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import { decideSubmission, type StateSubmission } from './decideSubmission.js';
import type { ParticipationRecord } from './ParticipationRecord.js';
import { expectedDurationsMs, type ProgramRepository } from '../programs/index.js';
import { participationFlags } from '../participation/participationFlags.js';
import { applyPolicy } from '../participation/applyPolicy.js';
import { decideConsent, decideControl, decideMeterAccess, decideTelemetry, decideWindDown } from '../participation/participationPolicy.js';
import { recordFacts } from '../participation/recordFacts.js';

/** What a trigger carries besides its name: the suspension reason, and a free-text reason for the audit trail. */
export interface TriggerRequest {
  readonly trigger: ParticipationTrigger;
  readonly suspensionReason?: SuspensionReason;
  readonly reason?: string;
}

/**
 * VPP participations (seeds 001–002): fire triggers, accept a submitted target state, and record the facts that
 * move a participation on — telemetry, consent, control, meter access, settlement — each decided by the
 * participation policy (`participation/participationPolicy.ts`), as the sweeps and operator reports decide them.
 * Every method answers with the {@link ParticipationRecord} its response is built from, read once.
 */
@injectable()
export class ParticipationService {
  constructor(
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(new LazyServiceIdentifier(() => ChangeRunner)) private readonly changes: ChangeRunner,
    @inject(STORE_TOKENS.programs) private readonly programs: ProgramRepository,
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(new LazyServiceIdentifier(() => OperatorReferenceService)) private readonly operatorReferences: OperatorReferenceService,
  ) {}

  /** The participation; a foreign, unknown or deleted one is the same NotFoundError. */
  async find(context: CallContext, participationId: string): Promise<ParticipationRecord> {
    const enrollment = await this.holder(context, participationId);
    return this.record(enrollment, await this.changes.rulesFor(enrollment));
  }

  /**
   * The participation's full history, page by page, oldest first: every state change as its event recorded it. The
   * participation object's timeline is a bounded picture of the lifecycle; this is the complete record.
   */
  async history(context: CallContext, participationId: string, page: PageRequest): Promise<Page<ParticipationStateChange>> {
    const enrollment = await this.holder(context, participationId);
    // One enrollment's log, read whole and counted exactly (an equality on the enrollment: ADR 0021).
    const found = await this.events.list(context.workspaceId, { enrollmentId: enrollment.id, types: ['participation.state_changed'] }, pageFormWindow(page, true));
    return toPage(found.items.filter(isStateChange), page, found.matched);
  }

  /** Fires one trigger; an input error about its suspension reason names the request's `/suspension_reason`. */
  async trigger(context: CallContext, participationId: string, request: TriggerRequest): Promise<ParticipationRecord> {
    return this.change(context, participationId, async (change, rules) => {
      try {
        await fireParticipationTrigger(change, rules, request.trigger, suspension(request.suspensionReason), request.reason, 'api');
      } catch (error) {
        throw renameInputFields(error, (field) => (field === '/reason' ? '/suspension_reason' : field));
      }
    });
  }

  /**
   * Seed 002: the provider submits what it sees — the state(s) reached, in order, each with its time — and the
   * participation is brought there (see the SDK's `planSubmission`): the same submission twice leaves the same
   * state, and a SUSPENDED entry's reasons are the complete set. All of it is one change: if any entry is refused,
   * nothing is written. An error names the field of seed 002's body it is about.
   */
  async submitStates(context: CallContext, participationId: string, submission: StateSubmission): Promise<ParticipationRecord> {
    return this.change(context, participationId, (change, rules) => decideSubmission(change, rules, submission, this.settings.providerClockSkewMs));
  }

  /** Telemetry arrived: first telemetry moves AWAITING_TELEMETRY on; fresh telemetry clears the AWAITING_TELEMETRY suspension. */
  async recordTelemetry(context: CallContext, participationId: string, receivedAt: string): Promise<ParticipationRecord> {
    return this.change(context, participationId, (change, rules) => applyPolicy(change, rules, decideTelemetry, { kind: 'arrived', receivedAt }));
  }

  /** Consent recorded: AWAITING_CONSENT moves on, or the AWAITING_CONSENT suspension clears. */
  async grantConsent(context: CallContext, participationId: string, consent: ConsentRecord): Promise<ParticipationRecord> {
    return this.change(context, participationId, (change, rules) => applyPolicy(change, rules, decideConsent, { kind: 'granted', consent }));
  }

  /** Consent revoked: a participating device is suspended with AWAITING_CONSENT. */
  async revokeConsent(context: CallContext, participationId: string): Promise<ParticipationRecord> {
    return this.change(context, participationId, (change, rules) => applyPolicy(change, rules, decideConsent, { kind: 'revoked' }));
  }

  /** Whether the device can be controlled (seed 000's AWAITING_DISPATCH); see `decideControl`. */
  async recordControl(context: CallContext, participationId: string, available: boolean): Promise<ParticipationRecord> {
    return this.change(context, participationId, (change, rules) => applyPolicy(change, rules, decideControl, { kind: 'reported', available }));
  }

  /** Boundary-meter access is available: AWAITING_METER_ACCESS moves on. */
  async grantMeterAccess(context: CallContext, participationId: string): Promise<ParticipationRecord> {
    return this.change(context, participationId, (change, rules) => applyPolicy(change, rules, decideMeterAccess, { kind: 'granted' }));
  }

  /** Rewards settled; the wind-down sweep completes WINDING_DOWN once the notice period has also elapsed. */
  async markRewardsSettled(context: CallContext, participationId: string, settledAt: string): Promise<ParticipationRecord> {
    return this.change(context, participationId, (change, rules) => applyPolicy(change, rules, decideWindDown, { kind: 'settled', settledAt }));
  }

  /** Records the operator's native state as its adapter reports it, so a disagreement between the models shows. */
  async recordOperatorState(context: CallContext, participationId: string, nativeState: string): Promise<ParticipationRecord> {
    return this.change(context, participationId, (change) => recordFacts(change, { operatorNativeState: nativeState }));
  }

  /**
   * An operator event for a program instance (validated by the caller against the adapter's schema): the adapter
   * says what it means, and the platform applies it (statuses, facts, triggers, in the operator's order; see
   * applyOperatorReport). The participation must belong to that instance. An effect the machines refuse is the
   * adapter's fault: nothing is written but `adapter.failed`, and the caller gets a 502 naming the adapter.
   */
  async applyOperatorEvent(context: CallContext, programInstanceId: string, participationId: string, event: OperatorEvent): Promise<ParticipationRecord> {
    let references: readonly OperatorReference[] = [];
    const record = await this.change(context, participationId, async (change, rules) => {
      if (change.current.programInstanceId !== programInstanceId) throw new NotFoundError('vpp_participation', participationId);
      const view = participationViewOf(change.current);
      const effect = await rules.adapter.mapOperatorEvent(event, view);
      ({ references } = await applyOperatorReport(change, rules, reportOf(event, 'api', change.at), effect, 'throw'));
    });
    await this.operatorReferences.linkReported(record.instance, references, participationId);
    return record;
  }

  private async holder(context: CallContext, participationId: string): Promise<Enrollment> {
    const enrollment = await this.log.loadByParticipation(context.workspaceId, participationId);
    if (enrollment?.participation?.id !== participationId || enrollment.deletedAt !== undefined) {
      throw new NotFoundError('vpp_participation', participationId);
    }
    requireInInstanceScope(context, enrollment.programInstanceId, 'vpp_participation', participationId);
    return enrollment;
  }

  private async change(context: CallContext, participationId: string, decide: RuledDecision): Promise<ParticipationRecord> {
    const holder = await this.holder(context, participationId);
    const result = await this.changes.run(context.workspaceId, holder.id, author(context), (change, rules) => {
      if (change.current.deletedAt !== undefined) throw new NotFoundError('vpp_participation', participationId);
      return decide(change, rules);
    }, holder);
    if (result === undefined) throw new NotFoundError('vpp_participation', participationId);
    return this.record(result.enrollment, result.rules);
  }

  private async record(enrollment: Enrollment, rules: InstanceRules): Promise<ParticipationRecord> {
    const participation = requireParticipation(enrollment.participation);
    const program = await this.programs.get(rules.instance.programId);
    if (program === undefined) throw new NotFoundError('program', rules.instance.programId);
    return {
      enrollment,
      participation,
      instance: rules.instance,
      program,
      messages: rules.adapter.messages ?? {},
      expectedDurations: expectedDurationsMs(rules.instance),
      ...participationFlags(participation, rules.instance, this.clock.now()),
      ...operatorStatuses(participation, rules.adapter.adapter.manifest, this.clock.now()),
    };
  }
}

/** Where an operator event sits in the operator's order: its own time and sequence, or the time it was received. */
export function reportOf(event: OperatorEvent, via: OperatorReport['via'], receivedAt: string): OperatorReport {
  return {
    via,
    type: event.type,
    stream: event.stream ?? event.type,
    occurredAt: event.occurredAt ?? receivedAt,
    ...(event.sequence === undefined ? {} : { sequence: event.sequence }),
    ...(event.id === undefined ? {} : { eventId: event.id }),
  };
}

export { recordFacts };

/** The named statuses (when the adapter declares any) and the drift of a participation, for its record. */
function operatorStatuses(participation: Participation, manifest: AdapterManifest, now: Date): Pick<ParticipationRecord, 'nativeStatuses' | 'drift'> {
  const declared = Object.keys(manifest.nativeStatuses ?? {});
  if (declared.length === 0) return {};
  const kept = participation.nativeStatuses ?? {};
  const nativeStatuses = declared.flatMap((name) => (kept[name] === undefined ? [] : [{ name, status: kept[name] }]));
  const drift = driftOf(participation, manifest, now);
  return { nativeStatuses, ...(drift === undefined ? {} : { drift }) };
}

/** One entry of a participation's full history: the event that recorded a state change. */
export type ParticipationStateChange = Extract<EnrollmentEvent, { type: 'participation.state_changed' }>;

function isStateChange(event: EnrollmentEvent): event is ParticipationStateChange {
  return event.type === 'participation.state_changed';
}

function suspension(reason: SuspensionReason | undefined): { reason?: SuspensionReason } {
  return reason === undefined ? {} : { reason };
}
