/**
 * The triggers that move a participation, named for the API (DESIGN §2b).
 * @example PARTICIPATION_TRIGGERS.includes('device_live') // true
 */
export const PARTICIPATION_TRIGGERS = [
  'consent_requested',
  'consent_granted',
  'telemetry_received',
  'meter_access_granted',
  'control_confirmed',
  'eligibility_confirmed',
  'eligibility_denied',
  'registration_confirmed',
  'registration_declined',
  'device_live',
  'failed',
  'suspension_raised',
  'suspension_cleared',
  'leave_requested',
  'notice_served',
  'wind_down_completed',
  'offboarded',
] as const;

/** One trigger name. @example const trigger: ParticipationTrigger = 'consent_granted' */
export type ParticipationTrigger = (typeof PARTICIPATION_TRIGGERS)[number];
