import type { Claim, ClaimRepository, InsertResult } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';

/** The embedded store's ClaimRepository: rows in a {@link MemoryTable}. */
export class MemoryClaimRepository implements ClaimRepository {
  readonly #table = new MemoryTable<Claim>((row) => scoped(row.workspaceId, row.key));
  claim(claim: Claim): Promise<InsertResult> {
    return this.#table.insert(claim);
  }
  get(workspaceId: string, key: string): Promise<Claim | undefined> {
    return this.#table.get(scoped(workspaceId, key));
  }
  async release(workspaceId: string, key: string, ownerId: string): Promise<void> {
    const claim = await this.get(workspaceId, key);
    if (claim?.ownerId === ownerId) await this.#table.delete(scoped(workspaceId, key));
  }
}
