import type { EnrollmentStatus } from '../enrollment/statuses.js';
import { PARTICIPATION_TRANSITIONS } from '../participation/transitions.js';
import { statesBetween } from '../participation/stateGroups.js';
import type { ParticipationState } from '../participation/states.js';
import type { ParticipationTrigger } from '../participation/triggers.js';

/**
 * The reference mapping between the two machines (DESIGN §2c), used by plugins/manual and by every scaffolded
 * adapter as its starting point. Both directions are here so that they stay each other's inverse; the platform
 * checks every answer against both machines anyway.
 */

/** Up to the operator's eligibility verdict: `candidate`. */
const CANDIDATE_STATES: ReadonlySet<ParticipationState> = new Set(statesBetween('ENROLMENT_REQUESTED', 'AWAITING_ELIGIBILITY'));
/** From registration until the participation has left: `approved`. */
const APPROVED_STATES: ReadonlySet<ParticipationState> = new Set(statesBetween('REGISTERED', 'WINDING_DOWN'));

/**
 * The enrollment status a participation state stands for, given where it came from and the current status.
 * @example statusForParticipationState('AWAITING_REGISTRATION', 'AWAITING_ELIGIBILITY', 'candidate') // 'submitted'
 */
export function statusForParticipationState(
  state: ParticipationState,
  previousState: ParticipationState,
  currentStatus: EnrollmentStatus,
): EnrollmentStatus {
  if (CANDIDATE_STATES.has(state)) return 'candidate';
  if (state === 'AWAITING_REGISTRATION') return 'submitted';
  if (APPROVED_STATES.has(state)) return 'approved';
  if (state === 'UNENROLLED' || state === 'OFFBOARDED') return 'unenrolled';
  if (state === 'INELIGIBLE') return previousState === 'AWAITING_REGISTRATION' ? 'rejected' : 'ineligible';
  // FAILED: by the status it left, since only those moves are legal from there.
  if (currentStatus === 'candidate') return 'ineligible';
  if (currentStatus === 'approved') return 'unenrolled';
  return 'rejected';
}

/**
 * The participation trigger an enrollment status move fires, or null when the move needs none (the
 * participation is already where the new status says). Undefined when the move cannot be made from here — including
 * when its trigger is one the participation does not accept in `state` (approving before registration is awaited):
 * the caller asked too early, which the platform answers as an illegal move naming the adapter and the state.
 * @example triggerForStatusMove('submitted', 'approved', 'AWAITING_REGISTRATION') // 'registration_confirmed'
 * @example triggerForStatusMove('candidate', 'eligible', 'AWAITING_CONSENT') // undefined
 */
export function triggerForStatusMove(
  from: EnrollmentStatus,
  to: EnrollmentStatus,
  state: ParticipationState,
): ParticipationTrigger | null | undefined {
  const trigger = referenceTrigger(from, to, state);
  if (trigger === null || trigger === undefined) return trigger;
  return PARTICIPATION_TRANSITIONS.some((row) => row.from === state && row.trigger === trigger) ? trigger : undefined;
}

function referenceTrigger(from: EnrollmentStatus, to: EnrollmentStatus, state: ParticipationState): ParticipationTrigger | null | undefined {
  const move = `${from}->${to}`;
  switch (move) {
    case 'candidate->eligible':
      return 'eligibility_confirmed';
    case 'candidate->ineligible':
      return state === 'AWAITING_ELIGIBILITY' ? 'eligibility_denied' : 'failed';
    case 'eligible->submitted':
      return null;
    case 'submitted->approved':
      return 'registration_confirmed';
    case 'submitted->rejected':
      return 'registration_declined';
    case 'approved->unenrolled':
      return 'leave_requested';
    default:
      return undefined;
  }
}
