import {
  findTriggerToState, fromVocabulary, IllegalTransitionError, isOneOf, isParticipating, isParticipationState, statesBetween, toVocabulary, V2_PARTICIPATION_STATES,
  type OperatorEventEffect, type ParticipationState, type ParticipationView, type ParticipationVocabulary, type SuspensionReason, type TriggerStep,
} from '@flexroll/sdk';

/** seed 001's participation object as the remote answers it (the fields this adapter reads). */
export interface RemoteParticipation {
  readonly id: string;
  readonly reference_id?: string;
  readonly current_state: string;
  readonly suspension_reasons?: readonly SuspensionReason[];
  readonly time_updated?: string;
}

/** seed 002's submission: the provider's reference and the state reached, in the remote's vocabulary. */
export interface Submission {
  readonly reference_id: string;
  readonly participation_state: readonly { readonly state: string; readonly suspension_reasons?: readonly SuspensionReason[] }[];
}

/** What Flexroll submits for a participation where it now stands. */
export function submissionFor(participation: Pick<ParticipationView, 'id' | 'state' | 'suspensionReasons'>, vocabulary: ParticipationVocabulary): Submission {
  const reasons = participation.suspensionReasons.length === 0 ? {} : { suspension_reasons: [...participation.suspensionReasons] };
  return { reference_id: participation.id, participation_state: [{ state: toVocabulary(participation.state, vocabulary), ...reasons }] };
}

/**
 * What the remote's object means for the participation: its state kept as the `remote` status, and — when the remote
 * stands one legal step ahead (the customer or the operator acted there) — that step taken here. Suspension reasons
 * are reconciled as a set while both sides are participating. Anything else is only recorded, and drift flags a
 * disagreement that lasts.
 */
export function remoteEffect(remote: RemoteParticipation, participation: ParticipationView, meterAccessRequired: boolean): OperatorEventEffect {
  const base: OperatorEventEffect = { nativeStatuses: { remote: remote.current_state } };
  const target = stateOf(remote.current_state, participation.state);
  if (isParticipating(target) && isParticipating(participation.state)) return { ...base, steps: reconcileReasons(participation.suspensionReasons, remote.suspension_reasons ?? []) };
  if (target === participation.state) return base;
  try {
    const trigger = findTriggerToState(participation, target, { meterAccessRequired, meterAccessAvailable: participation.meterAccessAvailable });
    return { ...base, trigger, reason: `remote participation ${remote.id} is ${remote.current_state}` };
  } catch (error) {
    if (error instanceof IllegalTransitionError) return base;
    throw error;
  }
}

/**
 * The internal state a remote name stands for here. Either vocabulary is read (a name both share means the same);
 * v2's CHECKING_ELIGIBILITY means "telemetry is in, the checks are under way": CONFIRMING_DISPATCH when the
 * participation has not reached it yet, else AWAITING_ELIGIBILITY (seed 002 has no name for the step between).
 */
export function stateOf(name: string, current: ParticipationState): ParticipationState {
  if (isParticipationState(name)) return name;
  if (name === 'CHECKING_ELIGIBILITY') {
    const early = statesBetween('ENROLMENT_REQUESTED', 'AWAITING_METER_ACCESS');
    return early.includes(current) ? 'CONFIRMING_DISPATCH' : current === 'CONFIRMING_DISPATCH' ? 'CONFIRMING_DISPATCH' : 'AWAITING_ELIGIBILITY';
  }
  return fromVocabulary(name, isOneOf(name, V2_PARTICIPATION_STATES) ? 'v2' : 'v1');
}

/**
 * The raises and clears that make Flexroll's suspension reasons the remote's set. A reason the remote adds is raised
 * as the adapter's own (`owned`), so the remote's later clear of it applies; a clear of a reason raised here (a
 * person through the API, the platform's rules), which the remote has not heard of yet, is left out by the platform.
 */
function reconcileReasons(ours: readonly SuspensionReason[], theirs: readonly SuspensionReason[]): TriggerStep[] {
  const raise = theirs.filter((reason) => !ours.includes(reason)).map((reason): TriggerStep => ({ trigger: 'suspension_raised', suspensionReason: reason, owned: true, reason: 'the remote participation is suspended for it' }));
  const clear = ours.filter((reason) => !theirs.includes(reason)).map((reason): TriggerStep => ({ trigger: 'suspension_cleared', suspensionReason: reason, reason: 'the remote participation is no longer suspended for it' }));
  return [...raise, ...clear];
}
