import {
  PARTICIPATION_STATES, SDK_VERSION, SUSPENSION_REASONS, V2_PARTICIPATION_STATES, V2_TO_PARTICIPATION_STATE,
  Type, type AdapterManifest, type ParticipationState, type SuspensionReason,
} from '@flexroll/sdk';
import { configSchema } from './config.js';

/** Every state name the remote may answer in, in either vocabulary (seed 001's and seed 002's). */
export const REMOTE_STATE_NAMES: readonly string[] = [...new Set<string>([...PARTICIPATION_STATES, ...V2_PARTICIPATION_STATES])];

/**
 * Which of Flexroll's states each remote name agrees with: a v1 name with itself, a v2 name with the state it reads as
 * — and CHECKING_ELIGIBILITY with CONFIRMING_DISPATCH too, since seed 002 has no name for "confirming dispatch".
 */
function agreement(): Record<string, ParticipationState[]> {
  const table: Record<string, ParticipationState[]> = Object.fromEntries(PARTICIPATION_STATES.map((state) => [state, [state]]));
  for (const name of V2_PARTICIPATION_STATES) table[name] = [...new Set([...(table[name] ?? []), V2_TO_PARTICIPATION_STATE[name]])];
  table.CHECKING_ELIGIBILITY = ['CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY'];
  return table;
}

/** seed 001's participation object, as far as this adapter reads it (`mapOperatorEvent` receives it typed). */
const REMOTE_PARTICIPATION = Type.Object({
  object: Type.Optional(Type.Unsafe<'vpp-participation'>({ const: 'vpp-participation' })),
  id: Type.String({ minLength: 1, maxLength: 100 }),
  reference_id: Type.Optional(Type.String()),
  current_state: Type.Unsafe<string>({ enum: [...REMOTE_STATE_NAMES] }),
  suspension_reasons: Type.Optional(Type.Array(Type.Unsafe<SuspensionReason>({ enum: [...SUSPENSION_REASONS] }), { uniqueItems: true })),
  time_updated: Type.Optional(Type.String({ format: 'date-time' })),
});

/** The remote's one event, by type. */
const operatorEvents = { 'participation.updated': REMOTE_PARTICIPATION };

/** The Flatpeak-style mirror: its config, the remote's state as one native status, its one event. */
export const manifest: AdapterManifest<typeof configSchema, typeof operatorEvents> = {
  id: 'flatpeak',
  name: 'Flatpeak participation mirror',
  version: '0.1.0',
  sdkVersion: `^${SDK_VERSION}`,
  configSchema,
  capabilities: { meterAccess: 'optional', drivenTriggers: ['consent_granted', 'telemetry_received', 'control_confirmed', 'eligibility_confirmed', 'eligibility_denied', 'registration_confirmed', 'registration_declined', 'device_live', 'suspension_raised', 'suspension_cleared', 'failed'] },
  operatorEvents,
  nativeStatuses: {
    remote: { description: 'The remote participation’s current_state, as the remote names it', values: [...REMOTE_STATE_NAMES], agreesWith: agreement(), driftAfterMinutes: 15 },
  },
  polling: { batchSize: 25, intervalSeconds: 300, maxIntervalSeconds: 3600 },
  // The remote invites the customer to consent in its own app: it needs their e-mail, when the instance grants it.
  customerData: { fields: ['email'], purpose: 'The remote participation is created with the customer’s e-mail, to which the remote sends its consent invitation.' },
};
