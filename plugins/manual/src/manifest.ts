import { PARTICIPATION_TRIGGERS, SDK_VERSION, SUSPENSION_REASONS, type AdapterManifest } from '@flexroll/sdk';

/** The manual adapter needs no config: operator staff act through Flexroll's API themselves. */
export const manifest: AdapterManifest = {
  id: 'manual',
  name: 'Manual (operator staff act through the Flexroll API)',
  version: '0.1.0',
  sdkVersion: `^${SDK_VERSION}`,
  configSchema: { type: 'object', properties: {}, additionalProperties: false },
  capabilities: {
    meterAccess: 'optional',
    drivenTriggers: ['consent_requested', 'control_confirmed', 'eligibility_confirmed', 'eligibility_denied', 'registration_confirmed', 'registration_declined', 'device_live', 'notice_served', 'offboarded', 'failed'],
  },
  operatorEvents: {
    'participation.trigger': {
      type: 'object',
      required: ['trigger'],
      additionalProperties: false,
      properties: {
        trigger: { enum: [...PARTICIPATION_TRIGGERS] },
        suspension_reason: { enum: [...SUSPENSION_REASONS] },
        reason: { type: 'string', maxLength: 500 },
      },
      // A suspension reason goes with the two suspension triggers, and only with them.
      if: { properties: { trigger: { enum: ['suspension_raised', 'suspension_cleared'] } } },
      then: { required: ['suspension_reason'] },
      else: { not: { required: ['suspension_reason'] } },
    },
  },
};
