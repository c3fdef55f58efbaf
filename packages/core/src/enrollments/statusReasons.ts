import type { ParticipationTrigger } from '@flexroll/sdk';

/**
 * The `eligibilityReason` an enrollment is given when a participation trigger moves its status and nobody gave a
 * reason: what happened, in words a customer or an administrator reads, in the style of seed 004's examples
 * ("In service territory", "Failed verification"). Triggers that no reference mapping turns into a status move have
 * one too, since an adapter may map any trigger.
 */
export const STATUS_REASON_BY_TRIGGER: Readonly<Record<ParticipationTrigger | 'criteria_changed', string>> = Object.freeze({
  consent_requested: 'Consent requested from the customer',
  consent_granted: 'Customer gave consent to control the device',
  telemetry_received: 'Device data received',
  meter_access_granted: 'Meter access granted',
  control_confirmed: 'Device control confirmed',
  eligibility_confirmed: 'Confirmed eligible by the programme operator',
  eligibility_denied: 'Not eligible, as confirmed by the programme operator',
  registration_confirmed: 'Registration confirmed by the programme operator',
  registration_declined: 'Registration declined by the programme operator',
  device_live: 'Device is live in the programme',
  failed: 'Enrolment could not be completed',
  suspension_raised: 'Participation paused',
  suspension_cleared: 'Participation resumed',
  leave_requested: 'Asked to leave the programme',
  notice_served: 'Notice served to leave the programme',
  wind_down_completed: 'Left the programme; rewards settled',
  offboarded: 'Home and devices removed from the programme',
  criteria_changed: 'Eligibility criteria changed; re-evaluating',
});
