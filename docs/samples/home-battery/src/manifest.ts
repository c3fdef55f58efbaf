import { SDK_VERSION, Type, type AdapterContext, type AdapterManifest, type Static } from '@flexroll/sdk';

/** What the operator reports about a home battery, in its webhooks. */
export const BATTERY_STATUSES = ['INVITED', 'PAIRED', 'LIVE', 'LOW_BATTERY', 'CHARGED', 'REMOVED'] as const;
export type BatteryStatus = (typeof BATTERY_STATUSES)[number];

/** The operator's id for a customer's enrollment with it, linked to the participation once the create call answers. */
export const ENROLLMENT_REFERENCE = 'hb-enrollment';

export const configSchema = Type.Object(
  {
    apiBaseUrl: Type.String({ format: 'uri', description: "The operator's REST API" }),
    clientId: Type.String({ minLength: 1, description: 'OAuth 2.0 client credentials (RFC 6749 §4.4)' }),
    clientSecret: Type.String({ minLength: 8, 'x-secret': true }),
    webhookSecret: Type.String({ pattern: '^whsec_[A-Za-z0-9+/=]{16,}$', 'x-secret': true, description: 'Signs the operator’s webhooks (standard webhooks)' }),
  },
  { additionalProperties: false },
);

export const operatorEvents = {
  'battery.status': Type.Object(
    { enrollmentId: Type.String({ minLength: 1 }), status: Type.Union(BATTERY_STATUSES.map((status) => Type.Literal(status))) },
    { additionalProperties: false },
  ),
};

/** What each call of this adapter is handed: the typed config and the two services it declares. */
export type HomeBatteryContext = AdapterContext<Static<typeof configSchema>, 'logger' | 'http'>;

export const manifest: AdapterManifest<typeof configSchema, typeof operatorEvents> = {
  id: 'home-battery',
  name: 'Home Battery',
  version: '0.1.0',
  sdkVersion: `^${SDK_VERSION}`,
  configSchema,
  capabilities: { meterAccess: 'optional', drivenTriggers: ['consent_requested', 'control_confirmed', 'device_live', 'suspension_raised', 'suspension_cleared', 'failed'] },
  operatorEvents,
  customerData: { fields: ['email'], purpose: 'The operator e-mails the customer an invitation to pair the battery in its app.' },
};
