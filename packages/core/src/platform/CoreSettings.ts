const HOUR = 60 * 60 * 1000;

/** Tunables of the core, with defaults in {@link DEFAULT_CORE_SETTINGS}. */
export interface CoreSettings {
  /** How often a writer that lost the race for the next `seq` reloads and retries, at most, before answering 409. */
  readonly maxAppendAttempts: number;
  /**
   * How long a request may wait for others writing the same thing — an enrollment's next event, a device being
   * enrolled, an idempotency key in use — before it answers 409 with `Retry-After` instead of queueing longer.
   */
  readonly contentionBudgetMs: number;
  /**
   * How long a device claim whose enrollment does not exist yet is taken for a creation still in progress. After it,
   * the claim counts as left by a crash and may be taken over (the late creation is then refused, never doubled).
   */
  readonly deviceClaimLeaseMs: number;
  /**
   * How long a request holding an idempotency key is taken to be alive. After it, with no answer stored, a retry
   * takes the key over and finds what the first attempt wrote (it is never written twice).
   */
  readonly idempotencyLeaseMs: number;
  /** How long a key's answer is kept and replayed; after it, the key is forgotten and may be used afresh (Stripe: 24 h). */
  readonly idempotencyRetentionMs: number;
  /** How often the worker removes expired idempotency records. */
  readonly idempotencyCleanupIntervalMs: number;
  /** How far back projection repair's feed starts, and the most it ever falls behind (ADR 0018). */
  readonly projectionRepairWindowMs: number;
  /** How long an adapter may take to answer one call before it counts as hanging. */
  readonly adapterTimeoutMs: number;
  /** How many enrollments each process keeps at hand (each checked against the log before use); 0 for none. */
  readonly enrollmentCacheSize: number;
  /** How long an authenticated API key is trusted without asking the store again: the bound on a revocation taking effect. */
  readonly apiKeyCacheMs: number;
  /** A member's session ends after this long without a request (its use is recorded to the minute). */
  readonly sessionIdleMs: number;
  /** …and this long after sign-in however busy it is: the member signs in again. */
  readonly sessionAbsoluteMs: number;
  /** How long a member's one-time invitation link stays valid. */
  readonly invitationTtlMs: number;
  /** How long a worker waits between two runs of the scheduled sweeps. */
  readonly sweepIntervalMs: number;
  /** How far ahead of the platform's clock a provider's `occurred_at` may be (and is then taken as now). */
  readonly providerClockSkewMs: number;
  /** How often the adapter outbox looks for side effects due (`onParticipationChanged`). */
  readonly outboxIntervalMs: number;
  /** How many attempts an outbox item gets before it is a dead letter. */
  readonly outboxMaxAttempts: number;
  /** The first retry waits up to this (full jitter), doubling per attempt up to `outboxBackoffMaxMs`. */
  readonly outboxBackoffBaseMs: number;
  readonly outboxBackoffMaxMs: number;
  /**
   * The outbox's catch-up (moves whose item a crash kept from being enqueued) follows the event feed: how far back it
   * starts and the most it falls behind, and how often it reads.
   */
  readonly outboxCatchUpWindowMs: number;
  readonly outboxCatchUpEveryMs: number;
  /**
   * What an operator's webhook is told to wait (`Retry-After`, whole seconds) when one of its events names an operator
   * reference not linked to a participation yet: it is answered `503 reference_not_linked`, and its redelivery is
   * applied once the link has landed (the outbox item that links it usually runs within seconds).
   */
  readonly operatorEventRetryAfterMs: number;
  /** How often the operator polling task looks for instances due a poll (each adapter's own interval applies). */
  readonly pollingTickMs: number;
  /** How often a worker looks for jobs to run (imports and bulk moves). */
  readonly jobIntervalMs: number;
  /** How long a worker holds a job before it must claim it again: the longest a dead worker's job waits for another. */
  readonly jobLeaseMs: number;
  /** The largest upload a bulk import accepts, in bytes; its most rows; the longest row, in characters. */
  readonly uploadMaxBytes: number;
  readonly uploadMaxRows: number;
  readonly uploadMaxRowChars: number;
  /** An import whose upload stopped this long ago, and was not sent again, fails as abandoned. */
  readonly uploadIdleMs: number;
  /** How long the webhook dispatcher waits between runs when nothing wakes it (appends in this process do). */
  readonly webhookPollIntervalMs: number;
  /** How long one delivery may take, connection to last byte, before it counts as failed. */
  readonly webhookTimeoutMs: number;
  /**
   * How long a claimed attempt is its claimant's unrenewed; past it, another worker may take the next attempt. Its
   * holder renews it every third of it while the POST runs (up to the timeout), so it may be shorter than the
   * timeout: it bounds how long a killed worker's delivery waits, not how long a delivery may take (ADR 0016).
   */
  readonly webhookLeaseMs: number;
  /** The waits after each failed attempt (Svix's schedule); once they run out, the message is `failed`. */
  readonly webhookRetryScheduleMs: readonly number[];
  /** A random share of each wait added or taken off (0.2: ±20%), so that retries of many messages spread out. */
  readonly webhookRetryJitter: number;
  /** How long an endpoint may fail without a success in between before it is disabled. */
  readonly webhookDisableAfterMs: number;
  /** How long the previous secret keeps signing after a rotation. */
  readonly webhookSecretOverlapMs: number;
  /** How many endpoint streams one dispatcher sends to at once. */
  readonly webhookConcurrency: number;
  /**
   * How long after a second ends the event feed reads it (webhooks, projection repair, the outbox's catch-up), once:
   * an insert that comes back later than this re-files its events in a later second (ADR 0018). Events of another
   * process reach the webhook dispatcher this much (and up to a second) after they were written.
   */
  readonly feedSettleMs: number;
  /**
   * DEVELOPMENT ONLY: lets endpoints point at loopback, private, link-local, unique-local and metadata addresses
   * (FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true). Off, such URLs are refused when saved and again at delivery.
   */
  readonly webhookAllowPrivateNetworks: boolean;
  /**
   * DEVELOPMENT ONLY: lets adapters' configs and calls reach loopback, private, link-local, unique-local and metadata
   * addresses (FLEXROLL_ADAPTERS_ALLOW_PRIVATE_NETWORKS=true), for an operator's API mocked on this machine. Off, a
   * config URL (a `format: 'uri'` field such as `apiBaseUrl`) at such an address is refused when saved, and every
   * call an adapter makes through `context.http` is refused after DNS resolution.
   */
  readonly adapterAllowPrivateNetworks: boolean;
}

export const DEFAULT_CORE_SETTINGS: CoreSettings = {
  maxAppendAttempts: 100,
  contentionBudgetMs: 2_000,
  deviceClaimLeaseMs: 10_000,
  idempotencyLeaseMs: 30_000,
  idempotencyRetentionMs: 24 * HOUR,
  idempotencyCleanupIntervalMs: HOUR,
  projectionRepairWindowMs: 24 * HOUR,
  adapterTimeoutMs: 5_000,
  enrollmentCacheSize: 10_000,
  apiKeyCacheMs: 5_000,
  sessionIdleMs: 30 * 60 * 1000,
  sessionAbsoluteMs: 12 * HOUR,
  invitationTtlMs: 7 * 24 * HOUR,
  sweepIntervalMs: 60_000,
  providerClockSkewMs: 5 * 60 * 1000,
  outboxIntervalMs: 1_000,
  outboxMaxAttempts: 8,
  outboxBackoffBaseMs: 5_000,
  outboxBackoffMaxMs: 3_600_000,
  outboxCatchUpWindowMs: 3_600_000,
  outboxCatchUpEveryMs: 300_000,
  operatorEventRetryAfterMs: 30_000,
  pollingTickMs: 10_000,
  jobIntervalMs: 1_000,
  jobLeaseMs: 10_000,
  uploadMaxBytes: 256 * 1024 * 1024,
  uploadMaxRows: 1_000_000,
  uploadMaxRowChars: 16_384,
  uploadIdleMs: 60 * 60 * 1000,
  webhookPollIntervalMs: 250,
  webhookTimeoutMs: 15_000,
  webhookLeaseMs: 10_000,
  webhookRetryScheduleMs: [5_000, 5 * 60_000, 30 * 60_000, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
  webhookRetryJitter: 0.2,
  webhookDisableAfterMs: 5 * 24 * HOUR,
  webhookSecretOverlapMs: 24 * HOUR,
  webhookConcurrency: 32,
  feedSettleMs: 3_000,
  webhookAllowPrivateNetworks: false,
  adapterAllowPrivateNetworks: false,
};
