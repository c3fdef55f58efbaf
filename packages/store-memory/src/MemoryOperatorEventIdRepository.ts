import type { InsertResult, OperatorEventIdRecord, OperatorEventIdRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';

const keyOf = (workspaceId: string, instanceId: string, adapterId: string, eventId: string) => JSON.stringify([workspaceId, instanceId, adapterId, eventId]);

/** The embedded store's OperatorEventIdRepository: ids in a {@link MemoryTable}, unique per instance, adapter and event id. */
export class MemoryOperatorEventIdRepository implements OperatorEventIdRepository {
  readonly #table = new MemoryTable<OperatorEventIdRecord>((row) => keyOf(row.workspaceId, row.programInstanceId, row.adapterId, row.eventId));

  insert(record: OperatorEventIdRecord): Promise<InsertResult> {
    return this.#table.insert(record);
  }
  find(workspaceId: string, programInstanceId: string, adapterId: string, eventId: string): Promise<OperatorEventIdRecord | undefined> {
    return this.#table.get(keyOf(workspaceId, programInstanceId, adapterId, eventId));
  }
  async release(workspaceId: string, programInstanceId: string, adapterId: string, eventId: string, receiptId: string): Promise<void> {
    const key = keyOf(workspaceId, programInstanceId, adapterId, eventId);
    if ((await this.#table.get(key))?.receiptId === receiptId) await this.#table.delete(key);
  }
}
