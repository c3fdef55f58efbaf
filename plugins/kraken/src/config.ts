import { Type, type AdapterContext, type Static } from '@flexroll/sdk';
import { DEVICE_TYPES, type DeviceType } from './krakenEnums.js';

/** Kraken's GraphQL endpoint, unless the instance names another. */
export const DEFAULT_API_BASE_URL = 'https://api.octopus.energy/v1/graphql/';
/** Each call's limit, unless the instance sets `requestTimeoutMs`. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 3000;

/** A program instance's config for this adapter (two secrets); `context.config` is typed from it. */
export const configSchema = Type.Object(
  {
    apiBaseUrl: Type.Optional(Type.String({ format: 'uri', default: DEFAULT_API_BASE_URL, description: "Kraken's GraphQL endpoint" })),
    apiKey: Type.String({ minLength: 8, 'x-secret': true, description: 'The API key obtainKrakenToken exchanges for a JWT' }),
    webhookSecret: Type.String({ minLength: 16, 'x-secret': true, description: 'The secret Kraken signs its webhooks with (x-kraken-signature)' }),
    deviceTypes: Type.Optional(Type.Array(Type.Unsafe<DeviceType>({ enum: [...DEVICE_TYPES] }), { uniqueItems: true, minItems: 1, description: 'The device types this programme takes; all by default' })),
    startTestDispatch: Type.Optional(Type.Boolean({ default: true, description: 'Ask Kraken for a test dispatch when a participation reaches CONFIRMING_DISPATCH' })),
    requestTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 30000, default: DEFAULT_REQUEST_TIMEOUT_MS, description: 'How long each call to Kraken may take (retries included in the platform’s own limit)' })),
  },
  { additionalProperties: false },
);

export type KrakenConfig = Static<typeof configSchema>;

/** What each of this adapter's calls is handed: its typed config, its logger and Kraken's HTTP client. */
export type KrakenContext = AdapterContext<KrakenConfig, 'logger' | 'http'>;
