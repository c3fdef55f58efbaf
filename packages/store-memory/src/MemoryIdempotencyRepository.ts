import type { IdempotencyRecord, IdempotencyRepository, InsertResult } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';

/** The embedded store's IdempotencyRepository: rows in a {@link MemoryTable}, one per `(workspaceId, key)`. */
export class MemoryIdempotencyRepository implements IdempotencyRepository {
  readonly #table = new MemoryTable<IdempotencyRecord>((row) => scoped(row.workspaceId, row.key));
  reserve(record: IdempotencyRecord): Promise<InsertResult> {
    return this.#table.insert(record);
  }
  get(workspaceId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.#table.get(scoped(workspaceId, key));
  }
  async update(workspaceId: string, key: string, id: string, changes: Partial<Pick<IdempotencyRecord, 'response' | 'lockedUntil'>>): Promise<void> {
    await this.#table.updateIf(scoped(workspaceId, key), (row) => row.id === id, (row) => ({ ...row, ...changes }));
  }
  async remove(workspaceId: string, key: string, id: string): Promise<void> {
    await this.#table.deleteIf(scoped(workspaceId, key), (row) => row.id === id);
  }
  removeExpired(now: string): Promise<number> {
    return this.#table.deleteWhere((row) => row.expiresAt <= now);
  }
}
