import { readParticipationState } from './participationInput.js';
import { PARTICIPATION_STATE_DEFINITIONS, type ParticipationState } from './states.js';

/**
 * True for the Terminal states of seed 000 (INELIGIBLE, OFFBOARDED) and FAILED: they accept no trigger.
 * @throws InputError naming `/state` for an unknown state.
 * @example isTerminalState('OFFBOARDED') // true
 * @example isTerminalState('UNENROLLED') // false
 */
export function isTerminalState(state: ParticipationState): boolean {
  return PARTICIPATION_STATE_DEFINITIONS[readParticipationState(state)].kind === 'Terminal';
}
