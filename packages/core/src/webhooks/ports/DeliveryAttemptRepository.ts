import type { DeliveryAttempt } from '../dispatch/DeliveryAttempt.js';
import type { InsertResult } from '../../platform/index.js';

/**
 * The attempts port, shared by every kind of retried background work (webhook messages, adapter outbox items, jobs):
 * numbered attempts at a subject, `(subjectId, attempt)` unique, and inserting one is the claim (the lease) on that
 * attempt. See `claimNextAttempt` and `Lease`.
 */
export interface DeliveryAttemptRepository {
  claim(attempt: DeliveryAttempt): Promise<InsertResult>;
  /** A subject's attempts in attempt order: an equality lookup on `subjectId`, within the workspace. */
  listForSubject(workspaceId: string, subjectId: string): Promise<readonly DeliveryAttempt[]>;
  /** Records how a claimed attempt ended (its holder's write, or an abandoned lease noted by the next claimant). */
  replace(attempt: DeliveryAttempt): Promise<void>;
  /**
   * Moves a held attempt's `leaseExpiresAt` (its holder's heartbeat), by the attempt's own id, touching no other
   * field: a renewal that races the next claimant's `abandoned` record cannot undo it. Not a guard — the next
   * attempt's unique insert is the fence — only the signal that the holder is alive.
   */
  renew(attempt: DeliveryAttempt, leaseExpiresAt: string): Promise<void>;
  /**
   * Removes a finished attempt by its own id, for work that keeps no log of its attempts (a poll keeps only its last
   * two). Never a guard: the attempt after it is already inserted.
   */
  remove(attempt: DeliveryAttempt): Promise<void>;
}
