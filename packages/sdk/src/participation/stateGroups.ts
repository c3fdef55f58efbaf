import { fieldError } from '../validation/fieldError.js';
import { readParticipationState } from './participationInput.js';
import {
  PARTICIPATION_STATE_DEFINITIONS, PARTICIPATION_STATES, type ParticipationPhase, type ParticipationState, type StateKind,
} from './states.js';

/**
 * The groups of participation states that rules speak of, each derived from the phase and kind seed 000 gives every
 * state ({@link PARTICIPATION_STATE_DEFINITIONS}), never spelled as a list: a state added or moved to another phase
 * joins or leaves its groups by itself. Every group keeps {@link PARTICIPATION_STATES} order.
 */

const definitionOf = (state: ParticipationState) => PARTICIPATION_STATE_DEFINITIONS[state];
const where = (holds: (state: ParticipationState) => boolean): readonly ParticipationState[] => Object.freeze(PARTICIPATION_STATES.filter(holds));

/**
 * The states of one phase of seed 000, in lifecycle order.
 * @example statesOfPhase('Participation') // ['ACTIVE', 'SUSPENDED']
 * @example statesOfPhase('Unenrolment') // ['UNENROLMENT_REQUESTED', 'WINDING_DOWN', 'UNENROLLED', 'OFFBOARDED']
 */
export function statesOfPhase(phase: ParticipationPhase): readonly ParticipationState[] {
  return where((state) => definitionOf(state).phase === phase);
}

/**
 * The states of one kind of seed 000 (Transient, Resting or Terminal), in lifecycle order.
 * @example statesOfKind('Terminal') // ['INELIGIBLE', 'OFFBOARDED', 'FAILED']
 */
export function statesOfKind(kind: StateKind): readonly ParticipationState[] {
  return where((state) => definitionOf(state).kind === kind);
}

/**
 * The states of the Participation phase, ACTIVE and SUSPENDED: the device is enrolled and taking part (or paused).
 * Suspension reasons, the telemetry and consent suspensions and `leave_requested` apply only here.
 * @example PARTICIPATING_STATES // ['ACTIVE', 'SUSPENDED']
 */
export const PARTICIPATING_STATES: readonly ParticipationState[] = statesOfPhase('Participation');

/**
 * The Transient states of the Unenrolment phase, UNENROLMENT_REQUESTED and WINDING_DOWN: leaving is under way but
 * not done (the enrollment stays `approved` meanwhile). Not UNENROLLED or OFFBOARDED, which have left.
 * @example LEAVING_STATES // ['UNENROLMENT_REQUESTED', 'WINDING_DOWN']
 */
export const LEAVING_STATES: readonly ParticipationState[] = where((state) => definitionOf(state).phase === 'Unenrolment' && definitionOf(state).kind === 'Transient');

/**
 * The Terminal states, INELIGIBLE, OFFBOARDED and FAILED: they accept no trigger (see {@link isTerminalState}).
 * @example TERMINAL_STATES.includes('UNENROLLED') // false
 */
export const TERMINAL_STATES: readonly ParticipationState[] = statesOfKind('Terminal');

/**
 * Whether a participation in `state` is taking part: in {@link PARTICIPATING_STATES}.
 * @throws InputError naming `/state` for an unknown state.
 * @example isParticipating('SUSPENDED') // true
 * @example isParticipating('WINDING_DOWN') // false
 */
export function isParticipating(state: ParticipationState): boolean {
  return definitionOf(readParticipationState(state)).phase === 'Participation';
}

/**
 * Whether a participation in `state` is on its way out: in {@link LEAVING_STATES}.
 * @throws InputError naming `/state` for an unknown state.
 * @example isLeaving('WINDING_DOWN') // true
 * @example isLeaving('UNENROLLED') // false
 */
export function isLeaving(state: ParticipationState): boolean {
  return LEAVING_STATES.includes(readParticipationState(state));
}

/**
 * The lifecycle's main line: every state in {@link PARTICIPATION_STATES} order except the Enrolment phase's
 * Terminal states (INELIGIBLE, FAILED), which end a lifecycle early and so lie between no two others.
 */
const MAIN_LINE = where((state) => !(definitionOf(state).phase === 'Enrolment' && definitionOf(state).kind === 'Terminal'));

/**
 * The states of the lifecycle's main line from `first` to `last`, both included, in order: the enrolment path
 * (with its optional meter step), ACTIVE, SUSPENDED, then the unenrolment path to OFFBOARDED. INELIGIBLE and FAILED
 * lie on no range.
 * @throws InputError naming `/first` or `/last` for a state off the main line or an unknown one, and `/last` when it
 *   comes before `first`.
 * @example statesBetween('UNENROLMENT_REQUESTED', 'UNENROLLED') // ['UNENROLMENT_REQUESTED', 'WINDING_DOWN', 'UNENROLLED']
 * @example statesBetween('REGISTERED', 'WINDING_DOWN') // ['REGISTERED', 'ACTIVE', 'SUSPENDED', 'UNENROLMENT_REQUESTED', 'WINDING_DOWN']
 */
export function statesBetween(first: ParticipationState, last: ParticipationState): readonly ParticipationState[] {
  const from = lineIndex(first, '/first');
  const to = lineIndex(last, '/last');
  if (to < from) throw fieldError('/last', 'after_first', `must not come before ${first} in the lifecycle; ${last} does.`);
  return Object.freeze(MAIN_LINE.slice(from, to + 1));
}

function lineIndex(value: ParticipationState, field: string): number {
  const state = readParticipationState(value, field);
  const index = MAIN_LINE.indexOf(state);
  if (index < 0) throw fieldError(field, 'main_line', `must be a state of the lifecycle's main line; ${state} ends a lifecycle early.`);
  return index;
}
