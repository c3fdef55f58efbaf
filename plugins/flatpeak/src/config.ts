import { PARTICIPATION_VOCABULARIES, Type, type AdapterContext, type ParticipationVocabulary, type Static } from '@flexroll/sdk';

/** Each call's limit, unless the instance sets `requestTimeoutMs`. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 3000;

/** A program instance's config for this adapter (two secrets); `context.config` is typed from it. */
export const configSchema = Type.Object(
  {
    apiBaseUrl: Type.String({ format: 'uri', description: 'The participation API, e.g. https://api.flatpeak.com' }),
    accountId: Type.String({ minLength: 1, description: 'The account the bearer is obtained for' }),
    apiKey: Type.String({ minLength: 8, 'x-secret': true, description: 'Exchanged at POST /login for a bearer token' }),
    webhookSecret: Type.String({ pattern: '^whsec_[A-Za-z0-9+/=]{16,}$', 'x-secret': true, description: 'Signs the remote’s webhooks (Standard Webhooks)' }),
    vocabulary: Type.Optional(Type.Unsafe<ParticipationVocabulary>({ enum: [...PARTICIPATION_VOCABULARIES], default: 'v1', description: 'Which state vocabulary the remote speaks: seed 001’s (v1) or seed 002’s (v2)' })),
    requestTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 30000, default: DEFAULT_REQUEST_TIMEOUT_MS })),
  },
  { additionalProperties: false },
);

export type FlatpeakConfig = Static<typeof configSchema>;

/** What each of this adapter's calls is handed: its typed config and the remote's HTTP client. */
export type FlatpeakContext = AdapterContext<FlatpeakConfig, 'http'>;
