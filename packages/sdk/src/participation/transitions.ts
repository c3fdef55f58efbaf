import { statesOfPhase, TERMINAL_STATES } from './stateGroups.js';
import type { ParticipationState } from './states.js';
import type { ParticipationTrigger } from './triggers.js';

/**
 * When one of several rows for the same state and trigger applies:
 * - `meter_access_pending`: the instance requires boundary-meter access and it is not yet available;
 * - `meter_access_ready`: meter access is available or not required;
 * - `reasons_remain` / `last_reason_cleared`: after clearing a suspension reason, some are left / none are.
 * @example PARTICIPATION_TRANSITIONS.find((t) => t.guard === 'last_reason_cleared')?.to // 'ACTIVE'
 */
export type TransitionGuard = 'meter_access_pending' | 'meter_access_ready' | 'reasons_remain' | 'last_reason_cleared';

/**
 * One row of the participation machine: a state, a trigger, the state it leads to, and seed 000's wording.
 * @example const row: ParticipationTransition = { from: 'REGISTERED', trigger: 'device_live', to: 'ACTIVE', condition: 'device goes live' }
 */
export interface ParticipationTransition {
  readonly from: ParticipationState;
  readonly trigger: ParticipationTrigger;
  readonly to: ParticipationState;
  /** Seed 000's "Trigger / condition" text, word for word. */
  readonly condition: string;
  /** Set only where rows share a state and trigger; says which row applies. */
  readonly guard?: TransitionGuard;
  /** Seed 000's note after the target state, such as `suspension_reasons = [reason]`. */
  readonly effect?: string;
}

const FAILED_CONDITION = 'unrecoverable error, telemetry never establishes, or consent withheld';

/**
 * The non-terminal Enrolment states, from each of which `failed` leads to FAILED (seed 000's "any enrolment state"),
 * derived from the states' phases and kinds.
 * @example FAILABLE_STATES.includes('REGISTERED') // true
 */
export const FAILABLE_STATES: readonly ParticipationState[] = Object.freeze(
  statesOfPhase('Enrolment').filter((state) => !TERMINAL_STATES.includes(state)),
);

function row(from: ParticipationState, trigger: ParticipationTrigger, to: ParticipationState, condition: string, extra: Pick<ParticipationTransition, 'guard' | 'effect'> = {}): ParticipationTransition {
  return Object.freeze({ from, trigger, to, condition, ...extra });
}

/**
 * Every transition of the participation machine (seed 000's tables with DESIGN §2b's trigger names), in the
 * seed's order; seed 000's "any enrolment state → FAILED" row is one row per {@link FAILABLE_STATES} state.
 * The machine ({@link applyParticipationTrigger}) and the diagrams are both driven by this table.
 * @example PARTICIPATION_TRANSITIONS.filter((t) => t.from === 'AWAITING_CONSENT').map((t) => t.trigger) // ['consent_granted', 'failed']
 */
export const PARTICIPATION_TRANSITIONS: readonly ParticipationTransition[] = Object.freeze([
  row('ENROLMENT_REQUESTED', 'consent_requested', 'AWAITING_CONSENT', 'consent requested'),
  row('AWAITING_CONSENT', 'consent_granted', 'AWAITING_TELEMETRY', 'consent granted'),
  row('AWAITING_TELEMETRY', 'telemetry_received', 'AWAITING_METER_ACCESS', 'telemetry received, meter access required', { guard: 'meter_access_pending' }),
  row('AWAITING_TELEMETRY', 'telemetry_received', 'CONFIRMING_DISPATCH', 'telemetry received, meter access already available or not required', { guard: 'meter_access_ready' }),
  row('AWAITING_METER_ACCESS', 'meter_access_granted', 'CONFIRMING_DISPATCH', 'meter access granted'),
  row('CONFIRMING_DISPATCH', 'control_confirmed', 'AWAITING_ELIGIBILITY', 'control confirmed'),
  row('AWAITING_ELIGIBILITY', 'eligibility_confirmed', 'AWAITING_REGISTRATION', 'operator confirms eligible'),
  row('AWAITING_ELIGIBILITY', 'eligibility_denied', 'INELIGIBLE', 'operator confirms not eligible'),
  row('AWAITING_REGISTRATION', 'registration_confirmed', 'REGISTERED', 'operator confirms registration'),
  row('AWAITING_REGISTRATION', 'registration_declined', 'INELIGIBLE', 'operator declines registration'),
  row('REGISTERED', 'device_live', 'ACTIVE', 'device goes live', { effect: 'enters Participation' }),
  ...FAILABLE_STATES.map((from) => row(from, 'failed', 'FAILED', FAILED_CONDITION)),
  row('ACTIVE', 'suspension_raised', 'SUSPENDED', 'a suspension reason is raised', { effect: 'suspension_reasons = [reason]' }),
  row('SUSPENDED', 'suspension_raised', 'SUSPENDED', 'a further reason is raised', { effect: 'reason added' }),
  row('SUSPENDED', 'suspension_cleared', 'SUSPENDED', 'a reason is cleared, others remain', { guard: 'reasons_remain', effect: 'reason removed' }),
  row('SUSPENDED', 'suspension_cleared', 'ACTIVE', 'the last reason is cleared', { guard: 'last_reason_cleared', effect: 'suspension_reasons empty' }),
  row('ACTIVE', 'leave_requested', 'UNENROLMENT_REQUESTED', 'customer or operator requests to leave', { effect: 'enters Unenrolment' }),
  row('SUSPENDED', 'leave_requested', 'UNENROLMENT_REQUESTED', 'customer or operator requests to leave', { effect: 'enters Unenrolment' }),
  row('UNENROLMENT_REQUESTED', 'notice_served', 'WINDING_DOWN', 'notice served'),
  row('WINDING_DOWN', 'wind_down_completed', 'UNENROLLED', 'rewards settled, notice period elapsed'),
  row('UNENROLLED', 'offboarded', 'OFFBOARDED', 'site and assets deleted'),
]);
