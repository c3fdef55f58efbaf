import { PARTICIPATION_STATES, type ParticipationState } from './states.js';

/**
 * The two names for participation states that the API speaks: `v1` is seed 000/001's, `v2` is seed 002's.
 * @example PARTICIPATION_VOCABULARIES.includes('v2') // true
 */
export const PARTICIPATION_VOCABULARIES = ['v1', 'v2'] as const;

/** One vocabulary. @example const vocabulary: ParticipationVocabulary = 'v2' */
export type ParticipationVocabulary = (typeof PARTICIPATION_VOCABULARIES)[number];

/**
 * Seed 002's state names, exactly its enum list and in its order. It has fifteen: no CONFIRMING_DISPATCH.
 * @example V2_PARTICIPATION_STATES[1] // 'AWAITING_CUSTOMER_CONSENT'
 */
export const V2_PARTICIPATION_STATES = [
  'ENROLMENT_REQUESTED',
  'AWAITING_CUSTOMER_CONSENT',
  'AWAITING_DEVICE_TELEMETRY',
  'AWAITING_LOCATION_TELEMETRY',
  'CHECKING_ELIGIBILITY',
  'AWAITING_REGISTRATION',
  'REGISTERED',
  'INELIGIBLE',
  'ACTIVE',
  'SUSPENDED',
  'UNENROLMENT_REQUESTED',
  'WINDING_DOWN',
  'UNENROLLED',
  'OFFBOARDED',
  'FAILED',
] as const;

/** One seed 002 state name. @example const name: V2ParticipationState = 'CHECKING_ELIGIBILITY' */
export type V2ParticipationState = (typeof V2_PARTICIPATION_STATES)[number];

/**
 * The v2 name of every internal (v1) state. Lossy in one place: CONFIRMING_DISPATCH and AWAITING_ELIGIBILITY
 * both read CHECKING_ELIGIBILITY in v2, which reads back as AWAITING_ELIGIBILITY ({@link V2_TO_PARTICIPATION_STATE}).
 * @example PARTICIPATION_STATE_TO_V2.AWAITING_METER_ACCESS // 'AWAITING_LOCATION_TELEMETRY'
 */
export const PARTICIPATION_STATE_TO_V2: Readonly<Record<ParticipationState, V2ParticipationState>> = Object.freeze({
  ENROLMENT_REQUESTED: 'ENROLMENT_REQUESTED',
  AWAITING_CONSENT: 'AWAITING_CUSTOMER_CONSENT',
  AWAITING_TELEMETRY: 'AWAITING_DEVICE_TELEMETRY',
  AWAITING_METER_ACCESS: 'AWAITING_LOCATION_TELEMETRY',
  CONFIRMING_DISPATCH: 'CHECKING_ELIGIBILITY',
  AWAITING_ELIGIBILITY: 'CHECKING_ELIGIBILITY',
  AWAITING_REGISTRATION: 'AWAITING_REGISTRATION',
  REGISTERED: 'REGISTERED',
  INELIGIBLE: 'INELIGIBLE',
  ACTIVE: 'ACTIVE',
  SUSPENDED: 'SUSPENDED',
  UNENROLMENT_REQUESTED: 'UNENROLMENT_REQUESTED',
  WINDING_DOWN: 'WINDING_DOWN',
  UNENROLLED: 'UNENROLLED',
  OFFBOARDED: 'OFFBOARDED',
  FAILED: 'FAILED',
});

/**
 * The internal state each v2 name reads as: the inverse of {@link PARTICIPATION_STATE_TO_V2}. Where two internal
 * states share a v2 name (CONFIRMING_DISPATCH and AWAITING_ELIGIBILITY), it reads as the later one in lifecycle
 * order, the Resting state the operator is asked about.
 * @example V2_TO_PARTICIPATION_STATE.CHECKING_ELIGIBILITY // 'AWAITING_ELIGIBILITY'
 */
export const V2_TO_PARTICIPATION_STATE: Readonly<Record<V2ParticipationState, ParticipationState>> = Object.freeze(
  Object.fromEntries(PARTICIPATION_STATES.map((state) => [PARTICIPATION_STATE_TO_V2[state], state])) as Record<V2ParticipationState, ParticipationState>,
);
