import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DEFAULT_RATE_COUNT_SYNC_MS, DEFAULT_SERVER_LIMITS, DEFAULT_WORKSPACE_CONCURRENCY } from '@flexroll/api';
import { DEFAULT_POOL, DEFAULT_QUERY_TIME_LIMITS } from '@flexroll/store-mongo';
import { DEFAULT_CORE_SETTINGS } from '@flexroll/core';

/** winston's levels, from the most severe. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The adapters every platform loads unless configured otherwise: the reference adapter. */
export const DEFAULT_ADAPTERS: readonly string[] = ['@flexroll/plugin-manual'];

/**
 * What a setting's schema says besides JSON Schema: the variables it is read from (the `FLEXROLL_` one first, then
 * a common alias), `must` (what a malformed text value must be, for the start-up message), and `shownDefault` (the
 * README's default column, where the default is not a value the schema can hold).
 */
export interface SettingSchema {
  readonly env: readonly [string, ...string[]];
  readonly description: string;
  readonly type?: string;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
  readonly must?: string;
  readonly shownDefault?: string;
}

const wholeNumber = (env: SettingSchema['env'], minimum: number, maximum: number, fallback: number, description: string) =>
  Type.Integer({ env, minimum, maximum, default: fallback, description });

const optionalText = (env: SettingSchema['env'], description: string, extra: { shownDefault?: string } = {}) =>
  Type.Optional(Type.String({ env, description, ...extra }));

/**
 * Every setting Flexroll reads from the environment, declared once: its variables, type and bounds, default and
 * description. `readSettings` parses the environment with it (through core's one Ajv), and the README's settings
 * table is generated from it (`npm run docs:settings`). Defaults owned by a package below (the core's tunables, the
 * HTTP server's limits) are taken from it, not spelled again.
 */
export const SETTINGS_SCHEMA = Type.Object(
  {
    port: wholeNumber(['FLEXROLL_PORT', 'PORT'], 0, 65_535, 3000, 'the port to listen on (`--port` overrides it)'),
    host: Type.String({
      env: ['FLEXROLL_HOST', 'HOST'], pattern: String.raw`^\S+$`, must: 'a host name or address', default: '127.0.0.1',
      description: 'the address to listen on (`--host` overrides it); `0.0.0.0` for every interface',
    }),
    rateLimitPerMinute: wholeNumber(['FLEXROLL_RATE_LIMIT_PER_MINUTE'], 1, Number.MAX_SAFE_INTEGER, 600,
      'requests per API key per minute (per `FLEXROLL_RATE_LIMIT_WINDOW_SECONDS` when that is set), counted across every `serve` process on the same store; a deployment lets through at most this plus what arrives within one report to the store (docs/performance.md (v))'),
    rateLimitWindowSeconds: wholeNumber(['FLEXROLL_RATE_LIMIT_WINDOW_SECONDS'], 1, 3_600, 60,
      'the rate limit\'s window, aligned to the clock; `FLEXROLL_RATE_LIMIT_PER_MINUTE` requests are allowed per window'),
    rateLimitShared: Type.Boolean({
      env: ['FLEXROLL_RATE_LIMIT_SHARED'], default: true,
      description: '`false` counts the rate limit and the failed-authentication throttle in each process alone, with no writes to the store: for a single process, or to compare (docs/performance.md (v))',
    }),
    rateCountSyncMs: wholeNumber(['FLEXROLL_RATE_COUNT_SYNC_MS'], 1, 60_000, DEFAULT_RATE_COUNT_SYNC_MS,
      'how often each process reports a key\'s rate-limit and failed-authentication counts to the store and learns the other processes\' (off the request\'s path); from half its limit a key is reported as soon as its last report answers; while the store does not answer each process counts on alone'),
    shutdownDelayMs: wholeNumber(['FLEXROLL_SHUTDOWN_DELAY_MS'], 0, 600_000, 3_000,
      'on SIGTERM, how long `serve` answers `/readyz` with 503 while still serving everything else, so that a load balancer\'s health check takes it out before it stops accepting (set it to the check\'s interval × fall); SIGINT skips it, and a second SIGTERM ends it'),
    shutdownGraceMs: wholeNumber(['FLEXROLL_SHUTDOWN_GRACE_MS'], 0, 3_600_000, 10_000,
      'on SIGTERM or SIGINT, once `serve` stops accepting: how long the requests in flight have to finish before their connections are cut; the process then exits 0'),
    metricsPort: Type.Optional(Type.Integer({
      env: ['FLEXROLL_METRICS_PORT'], minimum: 0, maximum: 65_535, shownDefault: '(not served)',
      description: 'the port `serve` and `worker` serve Prometheus metrics on (`GET /metrics`, on `FLEXROLL_HOST`), apart from the API so that no API credential is needed and the load balancer never sees them: keep it on the private network; unset, no metrics are served ([docs/operations.md](docs/operations.md#metrics))',
    })),
    metricsWorkspaceLabels: wholeNumber(['FLEXROLL_METRICS_WORKSPACE_LABELS'], 0, 10_000, 20,
      'how many workspaces get a `workspace` label of their own in the metrics (the first seen by each process); the rest are counted under `other`, so the series stay bounded'),
    bodyLimit: Type.String({
      env: ['FLEXROLL_BODY_LIMIT'], pattern: String.raw`^\d+([bB]|[kK][bB]|[mM][bB])$`, must: 'a size such as 100kb or 1mb', default: '100kb',
      description: 'the largest request body, e.g. `1mb`; a larger one gets a 413',
    }),
    adapterTimeoutMs: wholeNumber(['FLEXROLL_ADAPTER_TIMEOUT_MS'], 1, 600_000, DEFAULT_CORE_SETTINGS.adapterTimeoutMs, 'how long an operator adapter may take to answer one call'),
    logLevel: Type.Unsafe<LogLevel>({
      env: ['FLEXROLL_LOG_LEVEL', 'LOG_LEVEL'], type: 'string', enum: LOG_LEVELS, default: 'info',
      description: '`error`, `warn`, `info`, `http`, `verbose`, `debug` or `silly`; `info` logs one line per request',
    }),
    failedAuthPerMinute: wholeNumber(['FLEXROLL_FAILED_AUTH_PER_MINUTE'], 1, Number.MAX_SAFE_INTEGER, 60,
      'failed authentications per client address per minute, counted across every `serve` process on the same store, before the address gets 429 for the rest of the minute'),
    failedSignInsPerEmailPerMinute: wholeNumber(['FLEXROLL_FAILED_SIGN_INS_PER_EMAIL_PER_MINUTE'], 1, Number.MAX_SAFE_INTEGER, 10,
      'failed sign-ins (`POST /sessions`) per e-mail per minute, from any address, counted across every `serve` process on the same store, before that e-mail gets 429 for the rest of the minute ([docs/security.md](docs/security.md))'),
    trustProxy: Type.String({
      env: ['FLEXROLL_TRUST_PROXY'], minLength: 1, default: 'false', must: '`true`, `false`, a number of hops, or addresses/subnets',
      description: "express's `trust proxy`: `false` (the socket's own address and protocol), `true` (any proxy), a number of hops, or comma-separated addresses, subnets or `loopback`/`uniquelocal`. It decides the client address failed sign-ins are counted by and whether `X-Forwarded-Proto: https` gives the session cookie `Secure` ([docs/security.md](docs/security.md))",
    }),
    publicUrl: Type.Optional(Type.String({
      env: ['FLEXROLL_PUBLIC_URL'], pattern: String.raw`^https?://\S+$`, must: 'an http(s) URL',
      description: 'where browsers reach the platform (e.g. `https://flexroll.example.com`), for the links it hands out: members\' invitation links and customers\' status links ([docs/self-enrollment.md](docs/self-enrollment.md)); without it, the request\'s own origin (the API) or `FLEXROLL_URL` (the CLI)',
    })),
    smtpUrl: Type.Optional(Type.String({
      env: ['FLEXROLL_SMTP_URL'], pattern: String.raw`^smtps?://\S+$`, must: 'an smtp:// or smtps:// URL',
      description: 'the mail server through which the platform e-mails self-enrolled customers their status link and each change of their participation\'s state (`smtp://user:password@host:587`, or `smtps://` for TLS from the start; the credentials are never logged); needs `FLEXROLL_MAIL_FROM` and `FLEXROLL_PUBLIC_URL`. Without it, no mail is sent ([docs/self-enrollment.md](docs/self-enrollment.md))',
    })),
    mailFrom: Type.Optional(Type.String({
      env: ['FLEXROLL_MAIL_FROM'], minLength: 3, maxLength: 320, must: 'a sender address such as `Flexroll <no-reply@example.com>`',
      description: 'the sender of the mails to customers (`From:`), e.g. `Flexroll <no-reply@example.com>`; required with `FLEXROLL_SMTP_URL`',
    })),
    sessionIdleMs: wholeNumber(['FLEXROLL_SESSION_IDLE_MS'], 60_000, 7 * 24 * 3_600_000, DEFAULT_CORE_SETTINGS.sessionIdleMs, "how long a member's console session lasts unused"),
    sessionAbsoluteMs: wholeNumber(['FLEXROLL_SESSION_ABSOLUTE_MS'], 60_000, 30 * 24 * 3_600_000, DEFAULT_CORE_SETTINGS.sessionAbsoluteMs, "how long a member's console session lasts at most after sign-in, however busy"),
    invitationTtlMs: wholeNumber(['FLEXROLL_INVITATION_TTL_MS'], 60_000, 30 * 24 * 3_600_000, DEFAULT_CORE_SETTINGS.invitationTtlMs, "how long a member's one-time invitation link stays valid"),
    headersTimeoutMs: wholeNumber(['FLEXROLL_HEADERS_TIMEOUT_MS'], 100, 600_000, DEFAULT_SERVER_LIMITS.headersTimeoutMs, 'how long a client may take to send its request headers (then 408)'),
    requestTimeoutMs: wholeNumber(['FLEXROLL_REQUEST_TIMEOUT_MS'], 100, 3_600_000, DEFAULT_SERVER_LIMITS.requestTimeoutMs, 'how long a client may take to send its whole request (then 408)'),
    keepAliveTimeoutMs: wholeNumber(['FLEXROLL_KEEP_ALIVE_TIMEOUT_MS'], 100, 600_000, DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs, 'how long an idle keep-alive connection stays open'),
    idempotencyLeaseMs: wholeNumber(['FLEXROLL_IDEMPOTENCY_LEASE_MS'], 1_000, 3_600_000, DEFAULT_CORE_SETTINGS.idempotencyLeaseMs,
      'how long a request holding an `Idempotency-Key` is taken to be alive; after it, a retry recovers it ([ADR 0013](docs/adr/0013-leases-with-fences-for-claims-and-idempotency-keys.md))'),
    deviceClaimLeaseMs: wholeNumber(['FLEXROLL_DEVICE_CLAIM_LEASE_MS'], 1_000, 3_600_000, DEFAULT_CORE_SETTINGS.deviceClaimLeaseMs,
      'how long a device claim of a creation that has not written yet is taken for one in progress'),
    workspaceConcurrentRequests: wholeNumber(['FLEXROLL_WORKSPACE_CONCURRENT_REQUESTS'], 1, 10_000, DEFAULT_WORKSPACE_CONCURRENCY.concurrentRequests,
      "requests of one workspace that run at once in each process; more wait `FLEXROLL_WORKSPACE_QUEUE_WAIT_MS`, then get 429 ([ADR 0020](docs/adr/0020-reads-that-cannot-outlive-their-request.md))"),
    workspaceConcurrentListReads: wholeNumber(['FLEXROLL_WORKSPACE_CONCURRENT_LIST_READS'], 1, 10_000, DEFAULT_WORKSPACE_CONCURRENCY.concurrentListReads,
      "of those, the list reads (GETs that page) of one workspace that run at once in each process; more wait, then get 429 (docs/performance.md (p))"),
    workspaceQueueWaitMs: wholeNumber(['FLEXROLL_WORKSPACE_QUEUE_WAIT_MS'], 0, 60_000, DEFAULT_WORKSPACE_CONCURRENCY.queueWaitMs,
      "how long a request waits for a place among its workspace's running requests before that 429"),
    storeQueryTimeoutMs: wholeNumber(['FLEXROLL_STORE_QUERY_TIMEOUT_MS'], 100, 600_000, DEFAULT_QUERY_TIME_LIMITS.requestMs,
      "with MongoDB: how long one query of an API request may run on the server (`maxTimeMS`) before it is stopped and the request answered 503 `store_busy`"),
    storeBackgroundQueryTimeoutMs: wholeNumber(['FLEXROLL_STORE_BACKGROUND_QUERY_TIMEOUT_MS'], 100, 3_600_000, DEFAULT_QUERY_TIME_LIMITS.backgroundMs,
      'with MongoDB: the same for background work (jobs, sweeps, webhook delivery), which is retried by its next pass'),
    storePoolSize: wholeNumber(['FLEXROLL_STORE_POOL_SIZE'], 1, 1_000, DEFAULT_POOL.poolSize, 'with MongoDB: the most connections each process opens to the server'),
    storePoolWaitMs: wholeNumber(['FLEXROLL_STORE_POOL_WAIT_MS'], 1, 60_000, DEFAULT_POOL.poolWaitMs,
      'with MongoDB: how long a query waits for a free connection before it is answered 503 `store_busy`'),
    mongodbUri: optionalText(['MONGODB_URI'], 'the MongoDB store; without it, the embedded store'),
    secretKey: optionalText(['FLEXROLL_SECRET_KEY'], '32 random bytes, base64: seals adapter secrets, webhook signing secrets and stored idempotent answers at rest (required with MongoDB). Every process of a deployment (each `serve` and `worker` on one database) must have the same key: one started with another cannot read what the others sealed and answers `503 secret_key_mismatch` ([docs/security.md](docs/security.md))'),
    adminToken: optionalText(['FLEXROLL_ADMIN_TOKEN'], "the platform administrator's token", { shownDefault: '(random, printed, on the embedded store)' }),
    adapters: Type.Array(Type.String({ minLength: 1 }), {
      env: ['FLEXROLL_ADAPTERS'], minItems: 1, default: DEFAULT_ADAPTERS,
      description: 'the adapter packages or paths to load, comma-separated',
    }),
    url: Type.String({
      env: ['FLEXROLL_URL'], default: 'http://127.0.0.1:3000',
      description: 'for `flexroll import` and `flexroll bulk` (or `--url`): the server they call',
    }),
    enrollPagePerAddressPerMinute: wholeNumber(['FLEXROLL_ENROLL_PAGE_PER_ADDRESS_PER_MINUTE'], 1, Number.MAX_SAFE_INTEGER, 60, 'requests to the customer pages (`/enroll/…`, `/status/…`) per client address per minute, counted across every `serve` process on the same store'),
    enrollPagePerPagePerMinute: wholeNumber(['FLEXROLL_ENROLL_PAGE_PER_PAGE_PER_MINUTE'], 1, Number.MAX_SAFE_INTEGER, 1200, 'requests to one enrollment page (or to the status pages together) per minute, counted across every `serve` process on the same store'),
    apiKey: optionalText(['FLEXROLL_API_KEY'], 'for `flexroll import` and `flexroll bulk` (or `--key`): a key with `enrollments:write`'),
    operatorEventRetryAfterMs: wholeNumber(['FLEXROLL_OPERATOR_EVENT_RETRY_AFTER_MS'], 1_000, 3_600_000, DEFAULT_CORE_SETTINGS.operatorEventRetryAfterMs,
      "the `Retry-After` (rounded up to whole seconds) of an operator webhook answered `503 reference_not_linked`: one of its events names an operator reference not linked to a participation yet, and its redelivery is applied once it is ([docs/adapters.md](docs/adapters.md))"),
    webhookAllowPrivateNetworks: Type.Boolean({
      env: ['FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS'], default: DEFAULT_CORE_SETTINGS.webhookAllowPrivateNetworks,
      description: '`true` lets webhook endpoints point at loopback, private, link-local, unique-local and metadata addresses: for local development only ([docs/webhooks.md](docs/webhooks.md))',
    }),
    adapterAllowPrivateNetworks: Type.Boolean({
      env: ['FLEXROLL_ADAPTERS_ALLOW_PRIVATE_NETWORKS'], default: DEFAULT_CORE_SETTINGS.adapterAllowPrivateNetworks,
      description: '`true` lets adapters\' config URLs (`apiBaseUrl`) and calls reach loopback, private, link-local, unique-local and metadata addresses, for an operator API mocked on this machine: for local development only ([docs/security.md](docs/security.md))',
    }),
    webhookPollIntervalMs: wholeNumber(['FLEXROLL_WEBHOOK_POLL_MS'], 10, 60_000, DEFAULT_CORE_SETTINGS.webhookPollIntervalMs,
      'how often a worker looks for new events and due webhook retries (the embedded server is also woken by each change)'),
    feedSettleMs: wholeNumber(['FLEXROLL_FEED_SETTLE_MS'], 0, 600_000, DEFAULT_CORE_SETTINGS.feedSettleMs,
      "how long after a second ends the worker's event feed reads it, once (webhooks, projection repair, the outbox's catch-up); a write slower than this is re-filed in a later second ([ADR 0018](docs/adr/0018-feeds-that-read-each-event-once.md))"),
    webhookTimeoutMs: wholeNumber(['FLEXROLL_WEBHOOK_TIMEOUT_MS'], 100, 3_600_000, DEFAULT_CORE_SETTINGS.webhookTimeoutMs, 'how long one webhook delivery may take'),
    webhookLeaseMs: wholeNumber(['FLEXROLL_WEBHOOK_LEASE_MS'], 200, 3_600_000, DEFAULT_CORE_SETTINGS.webhookLeaseMs,
      "how long a worker's claim on a delivery lasts unrenewed: renewed every third of it while the POST runs (up to `FLEXROLL_WEBHOOK_TIMEOUT_MS`), it is how long a killed worker's delivery waits for another"),
    ferretDbPostgresUrl: optionalText(['FLEXROLL_FERRETDB_POSTGRES_URL'],
      'only when the MongoDB server is FerretDB on PostgreSQL: its PostgreSQL database, so that the store adds indexes FerretDB can use there ([ADR 0008](docs/adr/0008-indexes-ferretdb-can-use-on-postgresql.md))'),
  },
  { $id: 'https://flexroll.dev/schemas/settings.json' },
);

/** Flexroll's settings, typed from {@link SETTINGS_SCHEMA}. */
export type Settings = Static<typeof SETTINGS_SCHEMA>;
export type SettingName = keyof Settings;

/** Each setting's name and schema, in the order they are declared (the README's order). */
export const SETTINGS: ReadonlyArray<readonly [SettingName, SettingSchema]> = Object.entries(SETTINGS_SCHEMA.properties).map(
  ([name, schema]: [string, TSchema]) => [name as SettingName, schema as unknown as SettingSchema] as const,
);
