import { FlexrollError } from '../errors/FlexrollError.js';
import type { IllegalTransitionError, StateNamer } from '../errors/IllegalTransitionError.js';
import { PARTICIPATION_STATES, type ParticipationState } from './states.js';
import { PARTICIPATION_STATE_TO_V2, type ParticipationVocabulary } from './vocabulary.js';
import { readVocabulary } from './vocabularyTranslation.js';

const STATES: ReadonlySet<string> = new Set(PARTICIPATION_STATES);

/**
 * Writes internal (v1) state names in a vocabulary, leaving anything else — a trigger, a status, a name already in
 * that vocabulary — as it is.
 * @example stateNamer('v2')('AWAITING_CONSENT') // 'AWAITING_CUSTOMER_CONSENT'
 * @example stateNamer('v2')('device_live') // 'device_live'
 */
export function stateNamer(vocabulary: ParticipationVocabulary): StateNamer {
  if (readVocabulary(vocabulary) === 'v1') return (name) => name;
  return (name) => (STATES.has(name) ? PARTICIPATION_STATE_TO_V2[name as ParticipationState] : name);
}

/**
 * An error as it is said to a caller who speaks `vocabulary`: an {@link IllegalTransitionError} with its state names
 * in that vocabulary (see `withStateNames`); any other error as it is. The API applies it to every error of a
 * request, so that no message names a state in the other vocabulary.
 * @example
 * errorInVocabulary(new IllegalTransitionError('participation', 'AWAITING_TELEMETRY', 'device_live', ['telemetry_received', 'failed']), 'v2')
 * // IllegalTransitionError: "Cannot apply 'device_live' to a participation in AWAITING_DEVICE_TELEMETRY; it accepts: telemetry_received, failed."
 */
export function errorInVocabulary(error: unknown, vocabulary: ParticipationVocabulary): unknown {
  if (readVocabulary(vocabulary) === 'v1' || !isIllegalTransition(error)) return error;
  return error.withStateNames(stateNamer(vocabulary));
}

function isIllegalTransition(error: unknown): error is IllegalTransitionError {
  return FlexrollError.is(error) && error.kind === 'illegal_transition' && typeof (error as Partial<IllegalTransitionError>).withStateNames === 'function';
}
