/** How an attempt ended; `abandoned` when its holder died and its lease ran out before it said. */
export type AttemptOutcome = 'succeeded' | 'failed' | 'abandoned';

/**
 * One numbered attempt at a piece of work (a webhook message), claimed by a unique insert on
 * `(subjectId, attempt)`: the claim IS the lease. A holder that dies leaves it unfinished; once `leaseExpiresAt`
 * has passed, the next claimant takes attempt + 1. Nothing else guards the work, so it behaves the same on every
 * store. Generic on purpose: any retried outbox can keep its attempts this way.
 */
export interface DeliveryAttempt {
  readonly id: string;
  readonly workspaceId: string;
  /** What is attempted (a webhook message id). */
  readonly subjectId: string;
  /** 1, 2, …: unique per subject. */
  readonly attempt: number;
  /** A name for the process that claimed it, for the record. */
  readonly claimedBy: string;
  readonly claimedAt: string;
  readonly leaseExpiresAt: string;
  readonly finishedAt?: string;
  readonly outcome?: AttemptOutcome;
  /** Webhook details: the endpoint, the answer's status code, the time it took, the start of its body, or the error. */
  readonly endpointId?: string;
  readonly statusCode?: number;
  readonly latencyMs?: number;
  readonly responseBody?: string;
  readonly error?: string;
  /** When the attempt after this one is due, if there is to be one. */
  readonly nextAttemptAt?: string;
  /** The receiver asked to be tried later (a 429 or 503 with `Retry-After`) and was: this failure spent none of the budget. */
  readonly postponed?: boolean;
}
