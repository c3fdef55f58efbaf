import { isOneOf } from '../validation/isOneOf.js';
import { PARTICIPATION_STATES, type ParticipationState } from './states.js';

/**
 * Whether a name (read from an operator's answer, say) is one of seed 000's participation states, narrowing it.
 * @example isParticipationState('ACTIVE') // true
 * @example isParticipationState('CHECKING_ELIGIBILITY') // false: a seed 002 name
 */
export function isParticipationState(name: unknown): name is ParticipationState {
  return isOneOf(name, PARTICIPATION_STATES);
}
