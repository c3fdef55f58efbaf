import { statesBetween } from './stateGroups.js';
import type { ParticipationState } from './states.js';

/**
 * The happy path of seed 000's Enrolment phase, with the optional meter step, up to ACTIVE.
 * @example ENROLMENT_HAPPY_PATH.at(-1) // 'ACTIVE'
 */
export const ENROLMENT_HAPPY_PATH: readonly ParticipationState[] = statesBetween('ENROLMENT_REQUESTED', 'ACTIVE');

/**
 * The Unenrolment phase's path up to UNENROLLED (OFFBOARDED is not expected: it happens when assets are deleted).
 * @example UNENROLMENT_PATH // ['UNENROLMENT_REQUESTED', 'WINDING_DOWN', 'UNENROLLED']
 */
export const UNENROLMENT_PATH: readonly ParticipationState[] = statesBetween('UNENROLMENT_REQUESTED', 'UNENROLLED');

/**
 * The states a participation is expected to pass through from `current` (exclusive): the rest of the enrolment
 * happy path to ACTIVE (AWAITING_METER_ACCESS only when `meterAccessPending`), ACTIVE after SUSPENDED, the rest
 * of the unenrolment path to UNENROLLED; nothing from ACTIVE, UNENROLLED or a terminal state.
 * {@link buildParticipationTimeline} renders these as PENDING; the core's deadlines count a move into one of them as
 * progress (a deadline met rather than cancelled).
 * @example expectedPendingStates('REGISTERED', false) // ['ACTIVE']
 */
export function expectedPendingStates(current: ParticipationState, meterAccessPending: boolean): ParticipationState[] {
  if (current === 'SUSPENDED') return ['ACTIVE'];
  if (UNENROLMENT_PATH.includes(current)) return UNENROLMENT_PATH.slice(UNENROLMENT_PATH.indexOf(current) + 1);
  if (!ENROLMENT_HAPPY_PATH.includes(current)) return [];
  return ENROLMENT_HAPPY_PATH
    .slice(ENROLMENT_HAPPY_PATH.indexOf(current) + 1)
    .filter((state) => state !== 'AWAITING_METER_ACCESS' || meterAccessPending);
}
