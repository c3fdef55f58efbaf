import type { InsertResult } from './InsertResult.js';

/**
 * A named, exclusive claim — "at most one active enrollment for this device in this program instance" — held by
 * one owner. Claiming is a unique insert; releasing deletes only the owner's claim.
 */
export interface Claim {
  readonly workspaceId: string;
  readonly key: string;
  readonly ownerId: string;
  readonly claimedAt: string;
}

export interface ClaimRepository {
  claim(claim: Claim): Promise<InsertResult>;
  get(workspaceId: string, key: string): Promise<Claim | undefined>;
  release(workspaceId: string, key: string, ownerId: string): Promise<void>;
}
