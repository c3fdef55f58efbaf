import { expectOneOf } from '../validation/expectOneOf.js';
import { readParticipationState } from './participationInput.js';
import type { ParticipationState } from './states.js';
import { PARTICIPATION_STATES } from './states.js';
import {
  PARTICIPATION_STATE_TO_V2, PARTICIPATION_VOCABULARIES, V2_PARTICIPATION_STATES, V2_TO_PARTICIPATION_STATE,
  type ParticipationVocabulary, type V2ParticipationState,
} from './vocabulary.js';

/**
 * A state's name in a vocabulary: itself in v1, seed 002's name in v2.
 * @throws InputError naming `/state` or `/vocabulary` for an unknown value.
 * @example toVocabulary('AWAITING_CONSENT', 'v2') // 'AWAITING_CUSTOMER_CONSENT'
 * @example toVocabulary('CONFIRMING_DISPATCH', 'v2') // 'CHECKING_ELIGIBILITY' (v2 has no CONFIRMING_DISPATCH)
 */
export function toVocabulary(state: ParticipationState, vocabulary: ParticipationVocabulary): ParticipationState | V2ParticipationState {
  const known = readParticipationState(state, '/state');
  return readVocabulary(vocabulary) === 'v2' ? PARTICIPATION_STATE_TO_V2[known] : known;
}

/**
 * The internal state a name stands for in a vocabulary. v2's CHECKING_ELIGIBILITY reads as AWAITING_ELIGIBILITY.
 * @param field the field the name came from, for the error (default `/state`).
 * @throws InputError naming `field` and listing the vocabulary's names when the name is not one of them.
 * @example fromVocabulary('AWAITING_DEVICE_TELEMETRY', 'v2') // 'AWAITING_TELEMETRY'
 * @example fromVocabulary('AWAITING_DEVICE_TELEMETRY', 'v1') // throws InputError: /state must be one of ENROLMENT_REQUESTED, …
 */
export function fromVocabulary(name: string, vocabulary: ParticipationVocabulary, field = '/state'): ParticipationState {
  if (readVocabulary(vocabulary) === 'v1') return expectOneOf(name, PARTICIPATION_STATES, field);
  return V2_TO_PARTICIPATION_STATE[expectOneOf(name, V2_PARTICIPATION_STATES, field)];
}

/**
 * Checks a vocabulary name at runtime.
 * @throws InputError naming `/vocabulary`.
 * @example readVocabulary('v2') // 'v2'
 */
export function readVocabulary(value: unknown): ParticipationVocabulary {
  return expectOneOf(value, PARTICIPATION_VOCABULARIES, '/vocabulary');
}
