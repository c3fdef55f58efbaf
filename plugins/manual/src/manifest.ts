import {
  PARTICIPATION_TRIGGERS, SDK_VERSION, SUSPENSION_REASONS, Type,
  type AdapterManifest, type JsonSchema, type ParticipationTrigger, type SuspensionReason,
} from '@flexroll/sdk';

/** What operator staff send: a trigger, and the suspension reason that goes with the two suspension triggers. */
export interface ManualTrigger {
  readonly trigger: ParticipationTrigger;
  readonly suspension_reason?: SuspensionReason;
  readonly reason?: string;
}

/**
 * The one operator event. Its schema is plain JSON Schema (TypeBox has no if/then/else) given its type with
 * `Type.Unsafe`, so that `mapOperatorEvent` receives the payload typed.
 */
const operatorEvents = {
  'participation.trigger': Type.Unsafe<ManualTrigger>({
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
  }),
};

/** The manual adapter needs no config: operator staff act through Flexroll's API themselves. */
export const manifest: AdapterManifest<JsonSchema, typeof operatorEvents> = {
  id: 'manual',
  name: 'Manual (operator staff act through the Flexroll API)',
  version: '0.1.0',
  sdkVersion: `^${SDK_VERSION}`,
  configSchema: { type: 'object', properties: {}, additionalProperties: false },
  capabilities: {
    meterAccess: 'optional',
    drivenTriggers: ['consent_requested', 'control_confirmed', 'eligibility_confirmed', 'eligibility_denied', 'registration_confirmed', 'registration_declined', 'device_live', 'notice_served', 'offboarded', 'failed'],
  },
  operatorEvents,
};
