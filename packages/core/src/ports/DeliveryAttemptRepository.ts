import type { DeliveryAttempt } from '../model/DeliveryAttempt.js';
import type { InsertResult } from './InsertResult.js';

/** Numbered attempts: `(subjectId, attempt)` is unique, and inserting one is the claim (the lease) on that attempt. */
export interface DeliveryAttemptRepository {
  claim(attempt: DeliveryAttempt): Promise<InsertResult>;
  /** A subject's attempts in attempt order: an equality lookup on `subjectId`, within the workspace. */
  listForSubject(workspaceId: string, subjectId: string): Promise<readonly DeliveryAttempt[]>;
  /** Records how a claimed attempt ended (its holder's write, or an abandoned lease noted by the next claimant). */
  replace(attempt: DeliveryAttempt): Promise<void>;
}
