/**
 * The five suspension reasons of seed 000, in the seed's order (also the order they are listed in).
 * @example SUSPENSION_REASONS[0] // 'AWAITING_TELEMETRY'
 */
export const SUSPENSION_REASONS = ['AWAITING_TELEMETRY', 'AWAITING_DISPATCH', 'AWAITING_CONSENT', 'OPERATOR_REQUEST', 'CUSTOMER_REQUEST'] as const;

/** Why an ACTIVE participation is SUSPENDED. Several can hold at once. @example const reason: SuspensionReason = 'OPERATOR_REQUEST' */
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

/** A suspension reason as seed 000 documents it. @example SUSPENSION_REASON_DEFINITIONS.OPERATOR_REQUEST satisfies SuspensionReasonDefinition */
export interface SuspensionReasonDefinition {
  readonly reason: SuspensionReason;
  readonly when: string;
  readonly recovers: string;
  readonly customerMessage: string;
}

/**
 * Every suspension reason with when it applies, how it recovers and the customer-facing message.
 * @example SUSPENSION_REASON_DEFINITIONS.CUSTOMER_REQUEST.recovers // 'When the customer resumes participation.'
 */
export const SUSPENSION_REASON_DEFINITIONS: Readonly<Record<SuspensionReason, SuspensionReasonDefinition>> = Object.freeze({
  AWAITING_TELEMETRY: { reason: 'AWAITING_TELEMETRY', when: 'Device telemetry is no longer being received.', recovers: 'Automatically when telemetry resumes.', customerMessage: 'Your participation is paused because we’ve stopped receiving data from your device. Please check it’s switched on and connected. We’ll resume automatically once data returns.' },
  AWAITING_DISPATCH: { reason: 'AWAITING_DISPATCH', when: 'Control of the device can no longer be confirmed.', recovers: 'When control is restored.', customerMessage: 'Your participation is paused because we can’t currently control your device. Please check it’s online and responding. We’ll resume once control is restored.' },
  AWAITING_CONSENT: { reason: 'AWAITING_CONSENT', when: 'Dispatch consent is missing or has expired.', recovers: 'When consent is renewed.', customerMessage: 'Your participation is paused because we need your permission to control your device. Please renew your consent to resume.' },
  OPERATOR_REQUEST: { reason: 'OPERATOR_REQUEST', when: 'Participation has been paused by the programme operator.', recovers: 'When the operator removes the suspension.', customerMessage: 'Your participation is paused by the programme operator. We’ll resume once this is resolved.' },
  CUSTOMER_REQUEST: { reason: 'CUSTOMER_REQUEST', when: 'Participation has been paused by the customer.', recovers: 'When the customer resumes participation.', customerMessage: 'Your participation is paused at your request. You can resume at any time.' },
});
