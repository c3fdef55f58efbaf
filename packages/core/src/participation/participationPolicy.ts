import { isParticipating, PARTICIPATION_STATES, type ParticipationState, type ParticipationTrigger, type SuspensionReason } from '@flexroll/sdk';
import type { ConsentRecord, Participation, ParticipationFacts } from '../enrollments/index.js';
import type { ProgramInstance } from '../programs/index.js';
import { participationFlags } from './participationFlags.js';

/**
 * The participation policy: for each fact — consent, control, telemetry, meter access, wind-down — the one pure
 * decision of what it means for a participation. The participation routes, the scheduled sweeps and operator
 * reports all ask these functions and apply the answer with `applyPolicy`, so a rule is written once.
 * Each decision is taken on the participation as it stands at `at` (the change's time) and is given the news that
 * prompted it: something reported (by a caller or an operator), or `reviewed` (the sweep looking again as time passes).
 */

/** A trigger a fact implies, with its suspension reason and the note kept in the audit trail. */
export interface PolicyStep {
  readonly trigger: ParticipationTrigger;
  readonly suspensionReason?: SuspensionReason;
  readonly note?: string;
}

/** What a fact means: the facts to record (only those that really change are written), then the step it implies. */
export interface FactDecision {
  readonly facts: ParticipationFacts;
  readonly step?: PolicyStep;
}

/** What a decision reads of a participation. */
export type PolicyView = Pick<Participation, 'state' | 'suspensionReasons' | 'history' | 'consent' | 'lastTelemetryAt' | 'dispatchControl' | 'rewardsSettledAt'>;

/** The instance settings the decisions read. */
export type PolicyInstance = Pick<ProgramInstance, 'telemetryStalenessHours' | 'noticePeriodDays'>;

/** The sweep looking again at a participation as time passes, with nothing new reported. */
export interface Reviewed { readonly kind: 'reviewed' }

export type ConsentNews = { readonly kind: 'granted'; readonly consent: ConsentRecord } | { readonly kind: 'revoked' } | Reviewed;
export type ControlNews = { readonly kind: 'reported'; readonly available: boolean };
export type TelemetryNews = { readonly kind: 'arrived'; readonly receivedAt: string } | Reviewed;
export type MeterAccessNews = { readonly kind: 'granted' };
export type WindDownNews = { readonly kind: 'settled'; readonly settledAt: string } | Reviewed;

/** Every decision has this shape, so that one applier runs them all (`applyPolicy`). */
export type FactDecider<News> = (participation: PolicyView, instance: PolicyInstance, news: News, at: string) => FactDecision;

const DAY = 24 * 60 * 60 * 1000;
const NOTHING: FactDecision = Object.freeze({ facts: {} });
const decision = (facts: ParticipationFacts, step?: PolicyStep): FactDecision => (step === undefined ? { facts } : { facts, step });
const raise = (suspensionReason: SuspensionReason, note: string): PolicyStep => ({ trigger: 'suspension_raised', suspensionReason, note });
const clear = (suspensionReason: SuspensionReason, note: string): PolicyStep => ({ trigger: 'suspension_cleared', suspensionReason, note });

/**
 * Consent. Granted, it moves AWAITING_CONSENT on or clears the AWAITING_CONSENT suspension. Revoked (a recorded,
 * unrevoked consent only), or found lapsed by the review, it suspends a participating device with AWAITING_CONSENT.
 */
export const decideConsent: FactDecider<ConsentNews> = (participation, _instance, news, at) => {
  const { state, suspensionReasons, consent } = participation;
  if (news.kind === 'granted') {
    const facts = { consent: news.consent };
    if (state === 'AWAITING_CONSENT') return decision(facts, { trigger: 'consent_granted' });
    return decision(facts, suspensionReasons.includes('AWAITING_CONSENT') ? clear('AWAITING_CONSENT', 'consent renewed') : undefined);
  }
  if (news.kind === 'reviewed') return suspendIfLapsed(participation, {}, consent, at, 'consent is missing or has expired');
  if (consent === undefined || consent.revokedAt !== undefined) return NOTHING; // nothing recorded to revoke
  const withdrawn = { ...consent, revokedAt: at };
  return suspendIfLapsed(participation, { consent: withdrawn }, withdrawn, at, 'consent revoked');
};

function suspendIfLapsed(participation: PolicyView, facts: ParticipationFacts, consent: ConsentRecord | undefined, at: string, note: string): FactDecision {
  const { state, suspensionReasons } = participation;
  if (!isParticipating(state) || suspensionReasons.includes('AWAITING_CONSENT') || !consentLapsed(consent, at)) return decision(facts);
  return decision(facts, raise('AWAITING_CONSENT', note));
}

/**
 * Whether recorded consent is revoked or has expired at `at`. Without a recorded consent the trigger history is the
 * authority (an operator fired `consent_granted`), so it has not lapsed.
 */
export function consentLapsed(consent: ConsentRecord | undefined, at: string): boolean {
  return consent !== undefined && (consent.revokedAt !== undefined || (consent.expiresAt !== undefined && consent.expiresAt <= at));
}

/**
 * Control of the device (seed 000's AWAITING_DISPATCH). Available, it confirms control in CONFIRMING_DISPATCH or
 * lifts the AWAITING_DISPATCH suspension; lost, it suspends a participating device. Recorded only when it changes.
 */
export const decideControl: FactDecider<ControlNews> = (participation, _instance, { available }, at) => {
  const { state, suspensionReasons, dispatchControl } = participation;
  const facts: ParticipationFacts = dispatchControl?.available === available ? {} : { dispatchControl: { available, since: at } };
  const suspended = suspensionReasons.includes('AWAITING_DISPATCH');
  if (available && state === 'CONFIRMING_DISPATCH') return decision(facts, { trigger: 'control_confirmed', note: 'control of the device confirmed' });
  if (available && suspended) return decision(facts, clear('AWAITING_DISPATCH', 'control restored'));
  if (!available && !suspended && isParticipating(state)) return decision(facts, raise('AWAITING_DISPATCH', 'control of the device lost'));
  return decision(facts);
};

/**
 * Telemetry (the later of an arrival and the last one is kept). First telemetry moves AWAITING_TELEMETRY on; fresh
 * telemetry clears the AWAITING_TELEMETRY suspension; telemetry silent for longer than the instance's threshold
 * raises it on a participating device. Raising is the review's alone: an arrival never makes telemetry staler.
 */
export const decideTelemetry: FactDecider<TelemetryNews> = (participation, instance, news, at) => {
  const previous = participation.lastTelemetryAt;
  const facts: ParticipationFacts = news.kind === 'arrived' ? { lastTelemetryAt: previous !== undefined && previous > news.receivedAt ? previous : news.receivedAt } : {};
  const { state, suspensionReasons } = participation;
  if (news.kind === 'arrived' && state === 'AWAITING_TELEMETRY') return decision(facts, { trigger: 'telemetry_received' });
  const fresh = participationFlags({ state, lastTelemetryAt: facts.lastTelemetryAt ?? previous }, instance, new Date(at)).telemetryActive;
  const raised = suspensionReasons.includes('AWAITING_TELEMETRY');
  if (fresh && raised) return decision(facts, clear('AWAITING_TELEMETRY', 'telemetry resumed'));
  if (news.kind === 'reviewed' && !fresh && !raised && isParticipating(state)) return decision(facts, raise('AWAITING_TELEMETRY', 'telemetry is stale'));
  return decision(facts);
};

/** Boundary-meter access is available: AWAITING_METER_ACCESS moves on. */
export const decideMeterAccess: FactDecider<MeterAccessNews> = (participation) =>
  decision({ meterAccessAvailable: true }, participation.state === 'AWAITING_METER_ACCESS' ? { trigger: 'meter_access_granted' } : undefined);

/**
 * The wind-down: WINDING_DOWN completes once the rewards are settled and the notice period has elapsed since it
 * began. A settlement is recorded; completing is the review's, which finds both conditions.
 */
export const decideWindDown: FactDecider<WindDownNews> = (participation, instance, news, at) => {
  if (news.kind === 'settled') return decision({ rewardsSettledAt: news.settledAt });
  if (participation.state !== 'WINDING_DOWN' || participation.rewardsSettledAt === undefined) return NOTHING;
  const windingSince = participation.history.at(-1)?.occurredAt ?? at;
  const noticeElapsed = Date.parse(at) - Date.parse(windingSince) >= instance.noticePeriodDays * DAY;
  return noticeElapsed ? decision({}, { trigger: 'wind_down_completed', note: 'notice period elapsed and rewards settled' }) : NOTHING;
};

/**
 * Whether a review can find anything to do in `state`: a participating device (telemetry, consent) or one winding
 * down. The sweep reads only participations in {@link REVIEWED_STATES}.
 */
export function reviewApplies(state: ParticipationState): boolean {
  return isParticipating(state) || state === 'WINDING_DOWN';
}

/** The states a review can change something in, in lifecycle order. */
export const REVIEWED_STATES: readonly ParticipationState[] = Object.freeze(PARTICIPATION_STATES.filter(reviewApplies));
