import type { IdempotencyRecord, IdempotencyRepository, InsertResult, StoredResponse } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';

/** The embedded store's IdempotencyRepository: rows in a {@link MemoryTable}. */
export class MemoryIdempotencyRepository implements IdempotencyRepository {
  readonly #table = new MemoryTable<IdempotencyRecord>((row) => scoped(row.workspaceId, row.key));
  reserve(record: IdempotencyRecord): Promise<InsertResult> {
    return this.#table.insert(record);
  }
  get(workspaceId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.#table.get(scoped(workspaceId, key));
  }
  async complete(workspaceId: string, key: string, response: StoredResponse): Promise<void> {
    const record = await this.get(workspaceId, key);
    if (record !== undefined) await this.#table.put({ ...record, response });
  }
  async forget(workspaceId: string, key: string, fingerprint: string): Promise<void> {
    const record = await this.get(workspaceId, key);
    if (record?.fingerprint === fingerprint && record.response === undefined) await this.#table.delete(scoped(workspaceId, key));
  }
}
