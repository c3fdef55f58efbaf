import type { PollingSettings } from '@flexroll/sdk';
import type { CoreSettings } from '../CoreSettings.js';
import type { Backoff } from './Backoff.js';

/** One kind of retried background work: how long a claim on it lasts unrenewed, and how it backs off. */
export interface RetriedWork {
  /** A claim's lease: renewed while the work runs (see `holdLease`), so it bounds how long a dead holder's claim blocks. */
  readonly leaseMs: number;
  /** For work with a deadline of its own: renewals stop this long after the claim, so a stuck holder's lease runs out. */
  readonly maxHoldMs?: number;
  /** The wait after each failure; none for work that is resumed rather than retried (jobs). */
  readonly backoff?: Backoff;
}

/**
 * Every kind of retried background work, its lease and its back-off, in one place. The values are the settings'
 * (their defaults in `DEFAULT_CORE_SETTINGS`), so a deployment tunes them there; this table only says which
 * applies to what, and in which shape.
 * - webhook delivery: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, each ±20 %, then the message has failed;
 * - adapter outbox: between half and all of 5 s · 2^(n−1), at most 1 h, until the item's attempts run out;
 * - jobs: no back-off (a job is resumed where it stopped, by whoever claims it next);
 * - operator polling: per adapter, from its manifest (see {@link pollingBackoff}), stored as the poll's `nextAttemptAt`.
 */
export function retriedWork(settings: CoreSettings) {
  return {
    webhookDelivery: {
      leaseMs: settings.webhookLeaseMs,
      // A POST ends by its timeout; a holder still waiting after it is stuck, and its lease is left to run out.
      maxHoldMs: settings.webhookTimeoutMs,
      backoff: { kind: 'listed', waitsMs: settings.webhookRetryScheduleMs, jitter: settings.webhookRetryJitter },
    },
    adapterOutbox: {
      // A call may take the adapter's timeout twice (a token refresh, then the call) before it ends.
      leaseMs: 2 * settings.adapterTimeoutMs + 1_000,
      backoff: { kind: 'doubling', baseMs: settings.outboxBackoffBaseMs, maxMs: settings.outboxBackoffMaxMs, randomShare: 0.5, earlyMs: 0 },
    },
    // Customer mail: the adapter outbox's back-off; a claim outlasts nodemailer's connection and socket timeouts (see the API's SMTP mailer).
    customerMail: {
      leaseMs: 65_000,
      backoff: { kind: 'doubling', baseMs: settings.outboxBackoffBaseMs, maxMs: settings.outboxBackoffMaxMs, randomShare: 0.5, earlyMs: 0 },
    },
    jobs: { leaseMs: settings.jobLeaseMs },
    // One poll's claim, renewed while its batches run; its back-off is the adapter's (`pollingBackoff`).
    operatorPolling: { leaseMs: 2 * settings.adapterTimeoutMs + 1_000 },
  } as const satisfies Record<string, RetriedWork>;
}

/**
 * Operator polling's back-off, per adapter: a participation whose poll reported nothing new (or an instance whose
 * adapter failed) waits the poll interval doubled per miss, up to `maxIntervalSeconds` — a millisecond early, so
 * that a tick landing on the interval is not a window late. A poll that changed something is "failure" 1 again.
 */
export function pollingBackoff(polling: Required<PollingSettings>): Backoff {
  return { kind: 'doubling', baseMs: polling.intervalSeconds * 1000, maxMs: polling.maxIntervalSeconds * 1000, randomShare: 0, earlyMs: 1 };
}
