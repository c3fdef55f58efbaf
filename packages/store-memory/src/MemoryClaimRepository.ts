import type { Claim, ClaimRepository, InsertResult } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';

/** The embedded store's ClaimRepository: rows in a {@link MemoryTable}, one per `(workspaceId, key)`. */
export class MemoryClaimRepository implements ClaimRepository {
  readonly #table = new MemoryTable<Claim>((row) => scoped(row.workspaceId, row.key));
  claim(claim: Claim): Promise<InsertResult> {
    return this.#table.insert(claim);
  }
  get(workspaceId: string, key: string): Promise<Claim | undefined> {
    return this.#table.get(scoped(workspaceId, key));
  }
  async remove(workspaceId: string, key: string, claimId: string): Promise<void> {
    await this.#table.deleteIf(scoped(workspaceId, key), (row) => row.id === claimId);
  }
}
