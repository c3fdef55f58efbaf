import { readParticipationState } from './participationInput.js';
import type { ParticipationState } from './states.js';

/**
 * Seed 001's `control_active`: true only when the participation is ACTIVE (the device can be dispatched now).
 * @throws InputError naming `/state` for an unknown state.
 * @example isControlActive('ACTIVE') // true
 * @example isControlActive('SUSPENDED') // false
 */
export function isControlActive(state: ParticipationState): boolean {
  return readParticipationState(state) === 'ACTIVE';
}
