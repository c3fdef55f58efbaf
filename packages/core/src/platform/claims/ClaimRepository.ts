import type { InsertResult } from '../InsertResult.js';

/**
 * A named, exclusive claim — "at most one active enrollment for this device in this program instance" — held by
 * one owner. Taking it is a unique insert on `(workspaceId, key)`; each claim has an id of its own, so whoever
 * removes one removes exactly the claim it read, never one taken since under the same key.
 */
export interface Claim {
  /** This claim's own id (`clm_…`). */
  readonly id: string;
  readonly workspaceId: string;
  readonly key: string;
  readonly ownerId: string;
  readonly claimedAt: string;
  /** Until then, a claim whose owner does not exist yet is a creation in progress, not the leftover of a crash. */
  readonly leaseUntil: string;
}

export interface ClaimRepository {
  claim(claim: Claim): Promise<InsertResult>;
  get(workspaceId: string, key: string): Promise<Claim | undefined>;
  /** Removes the claim with this id, if it is still there; a newer claim under the same key stays. */
  remove(workspaceId: string, key: string, claimId: string): Promise<void>;
}
