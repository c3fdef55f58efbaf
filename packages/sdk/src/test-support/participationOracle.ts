import type { ParticipationSnapshot, TriggerContext } from '../participation/ParticipationSnapshot.js';
import type { ParticipationState } from '../participation/states.js';
import { SUSPENSION_REASONS } from '../participation/suspensionReasons.js';
import { PARTICIPATION_TRIGGERS, type ParticipationTrigger } from '../participation/triggers.js';

/**
 * Test support: seed 000's transition table written out by hand, independently of PARTICIPATION_TRANSITIONS, so
 * the table-driven specs check the machine against the seed rather than against itself.
 */

const SIMPLE: Partial<Record<ParticipationState, Partial<Record<ParticipationTrigger, ParticipationState>>>> = {
  ENROLMENT_REQUESTED: { consent_requested: 'AWAITING_CONSENT', failed: 'FAILED' },
  AWAITING_CONSENT: { consent_granted: 'AWAITING_TELEMETRY', failed: 'FAILED' },
  AWAITING_TELEMETRY: { failed: 'FAILED' },
  AWAITING_METER_ACCESS: { meter_access_granted: 'CONFIRMING_DISPATCH', failed: 'FAILED' },
  CONFIRMING_DISPATCH: { control_confirmed: 'AWAITING_ELIGIBILITY', failed: 'FAILED' },
  AWAITING_ELIGIBILITY: { eligibility_confirmed: 'AWAITING_REGISTRATION', eligibility_denied: 'INELIGIBLE', failed: 'FAILED' },
  AWAITING_REGISTRATION: { registration_confirmed: 'REGISTERED', registration_declined: 'INELIGIBLE', failed: 'FAILED' },
  REGISTERED: { device_live: 'ACTIVE', failed: 'FAILED' },
  ACTIVE: { leave_requested: 'UNENROLMENT_REQUESTED' },
  SUSPENDED: { leave_requested: 'UNENROLMENT_REQUESTED' },
  UNENROLMENT_REQUESTED: { notice_served: 'WINDING_DOWN' },
  WINDING_DOWN: { wind_down_completed: 'UNENROLLED' },
  UNENROLLED: { offboarded: 'OFFBOARDED' },
};

/** What the seed says should happen: a new snapshot, or a refusal (with a word the detail must contain). */
export type SeedOutcome = { readonly to: ParticipationSnapshot } | { readonly refused: true; readonly detailIncludes?: string };

/** The seed's answer for one snapshot, trigger and context. */
export function seedOutcome(snapshot: ParticipationSnapshot, trigger: ParticipationTrigger, context: TriggerContext = {}): SeedOutcome {
  const { state, suspensionReasons } = snapshot;
  const simple = SIMPLE[state]?.[trigger];
  if (simple !== undefined) return { to: { state: simple, suspensionReasons: [] } };
  if (state === 'AWAITING_TELEMETRY' && trigger === 'telemetry_received') {
    const meterStep = context.meterAccessRequired === true && context.meterAccessAvailable !== true;
    return { to: { state: meterStep ? 'AWAITING_METER_ACCESS' : 'CONFIRMING_DISPATCH', suspensionReasons: [] } };
  }
  const reason = context.reason;
  if (trigger === 'suspension_raised' && reason !== undefined && (state === 'ACTIVE' || state === 'SUSPENDED')) {
    if (suspensionReasons.includes(reason)) return { refused: true, detailIncludes: 'already active' };
    return { to: { state: 'SUSPENDED', suspensionReasons: SUSPENSION_REASONS.filter((r) => r === reason || suspensionReasons.includes(r)) } };
  }
  if (trigger === 'suspension_cleared' && reason !== undefined && state === 'SUSPENDED') {
    if (!suspensionReasons.includes(reason)) return { refused: true, detailIncludes: 'not active' };
    const left = suspensionReasons.filter((r) => r !== reason);
    return { to: { state: left.length === 0 ? 'ACTIVE' : 'SUSPENDED', suspensionReasons: left } };
  }
  return { refused: true };
}

/** The triggers the seed says a snapshot accepts, in PARTICIPATION_TRIGGERS order. */
export function seedAcceptedTriggers(snapshot: ParticipationSnapshot): ParticipationTrigger[] {
  const accepted = new Set<ParticipationTrigger>(Object.keys(SIMPLE[snapshot.state] ?? {}) as ParticipationTrigger[]);
  if (snapshot.state === 'AWAITING_TELEMETRY') accepted.add('telemetry_received');
  if (snapshot.state === 'ACTIVE') accepted.add('suspension_raised');
  if (snapshot.state === 'SUSPENDED') {
    accepted.add('suspension_cleared');
    if (snapshot.suspensionReasons.length < SUSPENSION_REASONS.length) accepted.add('suspension_raised');
  }
  return PARTICIPATION_TRIGGERS.filter((trigger) => accepted.has(trigger));
}

/** Snapshots to try in each state: SUSPENDED with one, two and all five reasons. */
export function sampleSnapshots(state: ParticipationState): ParticipationSnapshot[] {
  if (state !== 'SUSPENDED') return [{ state, suspensionReasons: [] }];
  return [
    { state, suspensionReasons: ['OPERATOR_REQUEST'] },
    { state, suspensionReasons: ['AWAITING_TELEMETRY', 'CUSTOMER_REQUEST'] },
    { state, suspensionReasons: [...SUSPENSION_REASONS] },
  ];
}

/** Contexts to try with each trigger: both meter branches for telemetry_received, every reason for suspensions. */
export function sampleContexts(trigger: ParticipationTrigger): TriggerContext[] {
  if (trigger === 'suspension_raised' || trigger === 'suspension_cleared') return SUSPENSION_REASONS.map((reason) => ({ reason }));
  if (trigger === 'telemetry_received') {
    return [{}, { meterAccessRequired: true }, { meterAccessRequired: true, meterAccessAvailable: true }, { meterAccessRequired: false, meterAccessAvailable: false }, { meterAccessAvailable: true }];
  }
  return [{}, { meterAccessRequired: true, meterAccessAvailable: false }];
}

/** A deep-frozen copy, so a spec can prove nothing was changed. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
