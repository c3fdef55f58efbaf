import { newPrefixedId } from '../ids.js';
import type { Claim, ClaimRepository } from './ClaimRepository.js';

/** A new claim on `key` for `ownerId`, with an id of its own and a lease of `leaseMs` from `now`. */
export function newClaim(workspaceId: string, key: string, ownerId: string, now: Date, leaseMs: number): Claim {
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  return { id: newPrefixedId('clm'), workspaceId, key, ownerId, claimedAt: now.toISOString(), leaseUntil };
}

/** Lets go of `key` if `ownerId` holds it: removed by the id read, so a claim someone took since stays. */
export async function releaseOwned(claims: ClaimRepository, workspaceId: string, key: string, ownerId: string): Promise<void> {
  const held = await claims.get(workspaceId, key);
  if (held?.ownerId === ownerId) await claims.remove(workspaceId, key, held.id);
}
