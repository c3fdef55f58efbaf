/**
 * The participation states of seed 000, word for word, in lifecycle order. FAILED appears only in the seed's
 * transition table and in seed 001's enum; its description and message are ours, written in the seed's voice.
 * @example PARTICIPATION_STATES.length // 16
 */
export const PARTICIPATION_STATES = [
  'ENROLMENT_REQUESTED',
  'AWAITING_CONSENT',
  'AWAITING_TELEMETRY',
  'AWAITING_METER_ACCESS',
  'CONFIRMING_DISPATCH',
  'AWAITING_ELIGIBILITY',
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

/** One of the sixteen participation states. @example const state: ParticipationState = 'AWAITING_CONSENT' */
export type ParticipationState = (typeof PARTICIPATION_STATES)[number];

/** The three phases of seed 000. @example PARTICIPATION_STATE_DEFINITIONS.ACTIVE.phase // 'Participation' */
export type ParticipationPhase = 'Enrolment' | 'Participation' | 'Unenrolment';

/**
 * Transient states pass on their own; Resting states wait for someone; Terminal states accept nothing more.
 * @example PARTICIPATION_STATE_DEFINITIONS.OFFBOARDED.kind // 'Terminal'
 */
export type StateKind = 'Transient' | 'Resting' | 'Terminal';

/** A state as seed 000 documents it. @example PARTICIPATION_STATE_DEFINITIONS.REGISTERED satisfies ParticipationStateDefinition */
export interface ParticipationStateDefinition {
  readonly state: ParticipationState;
  readonly phase: ParticipationPhase;
  readonly kind: StateKind;
  /** What the state means, for operators. */
  readonly description: string;
  /** What the customer is shown; this is the timeline entry's `description`. */
  readonly customerMessage: string;
}

/**
 * Every participation state with its phase, kind, description and customer-facing message.
 * @example PARTICIPATION_STATE_DEFINITIONS.ACTIVE.customerMessage // 'Your device is active and taking part in the programme.'
 */
export const PARTICIPATION_STATE_DEFINITIONS: Readonly<Record<ParticipationState, ParticipationStateDefinition>> = Object.freeze({
  ENROLMENT_REQUESTED: { state: 'ENROLMENT_REQUESTED', phase: 'Enrolment', kind: 'Transient', description: 'Enrolment request received.', customerMessage: 'We’ve received your request to join the programme.' },
  AWAITING_CONSENT: { state: 'AWAITING_CONSENT', phase: 'Enrolment', kind: 'Resting', description: 'Awaiting dispatch consent from the customer.', customerMessage: 'We need your permission to control your device during programme events. Please give consent to continue.' },
  AWAITING_TELEMETRY: { state: 'AWAITING_TELEMETRY', phase: 'Enrolment', kind: 'Resting', description: 'Waiting for the device to send telemetry for the first time. Controllability cannot be confirmed until it arrives.', customerMessage: 'We’re waiting to receive data from your device. Please check it’s switched on and connected to the internet.' },
  AWAITING_METER_ACCESS: { state: 'AWAITING_METER_ACCESS', phase: 'Enrolment', kind: 'Resting', description: 'Optional. Awaiting boundary meter access. Skipped when meter access is already available or not required.', customerMessage: 'We need access to your meter to continue. Please add your meter details to proceed.' },
  CONFIRMING_DISPATCH: { state: 'CONFIRMING_DISPATCH', phase: 'Enrolment', kind: 'Transient', description: 'Confirming the device can be controlled.', customerMessage: 'We’re checking we can control your device.' },
  AWAITING_ELIGIBILITY: { state: 'AWAITING_ELIGIBILITY', phase: 'Enrolment', kind: 'Resting', description: 'Awaiting eligibility confirmation from the programme operator.', customerMessage: 'We’re checking whether your home and devices qualify.' },
  AWAITING_REGISTRATION: { state: 'AWAITING_REGISTRATION', phase: 'Enrolment', kind: 'Resting', description: 'Awaiting registration confirmation from the programme operator.', customerMessage: 'We’re registering your device with the programme.' },
  REGISTERED: { state: 'REGISTERED', phase: 'Enrolment', kind: 'Transient', description: 'Registration confirmed.', customerMessage: 'Good news, your device is registered.' },
  INELIGIBLE: { state: 'INELIGIBLE', phase: 'Enrolment', kind: 'Terminal', description: 'Did not qualify at the eligibility check. Recoverable only if site properties change.', customerMessage: 'Unfortunately your home or devices don’t currently qualify. This may change if your setup changes.' },
  ACTIVE: { state: 'ACTIVE', phase: 'Participation', kind: 'Resting', description: 'Dispatchable and participating in the programme, including VPP events where applicable.', customerMessage: 'Your device is active and taking part in the programme.' },
  SUSPENDED: { state: 'SUSPENDED', phase: 'Participation', kind: 'Resting', description: 'Enrolled but temporarily not dispatchable. Active causes are listed in suspension_reasons. Returns to ACTIVE once all are resolved.', customerMessage: 'Your participation is paused. The active reasons are shown below.' },
  UNENROLMENT_REQUESTED: { state: 'UNENROLMENT_REQUESTED', phase: 'Unenrolment', kind: 'Transient', description: 'Customer or operator has requested unenrolment.', customerMessage: 'We’ve received your request to leave the programme.' },
  WINDING_DOWN: { state: 'WINDING_DOWN', phase: 'Unenrolment', kind: 'Transient', description: 'Serving notice and settling outstanding rewards.', customerMessage: 'We’re wrapping things up. Your device is no longer joining new events and any outstanding rewards are being settled.' },
  UNENROLLED: { state: 'UNENROLLED', phase: 'Unenrolment', kind: 'Resting', description: 'No longer participating in the programme. Records are retained.', customerMessage: 'You’ve left the programme. Your records are kept for your reference.' },
  OFFBOARDED: { state: 'OFFBOARDED', phase: 'Unenrolment', kind: 'Terminal', description: 'Site and associated assets have been removed from the programme.', customerMessage: 'Your home and devices have been removed from the programme.' },
  // Not described by seed 000 beyond its transition table; written in the seed's voice.
  FAILED: { state: 'FAILED', phase: 'Enrolment', kind: 'Terminal', description: 'Enrolment could not be completed: an unrecoverable error, telemetry never established, or consent withheld.', customerMessage: 'Unfortunately we couldn’t complete your enrolment. Please contact us if you’d like to try again.' },
});
