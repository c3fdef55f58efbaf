import type { InsertResult, OperatorReferenceLink, OperatorReferenceRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';

const keyOf = (workspaceId: string, instanceId: string, kind: string, value: string) => JSON.stringify([workspaceId, instanceId, kind, value]);

/** The embedded store's OperatorReferenceRepository: links in a {@link MemoryTable}, unique per instance, kind and value. */
export class MemoryOperatorReferenceRepository implements OperatorReferenceRepository {
  readonly #table = new MemoryTable<OperatorReferenceLink>((row) => keyOf(row.workspaceId, row.programInstanceId, row.kind, row.value));

  insert(link: OperatorReferenceLink): Promise<InsertResult> {
    return this.#table.insert(link);
  }
  find(workspaceId: string, programInstanceId: string, kind: string, value: string): Promise<OperatorReferenceLink | undefined> {
    return this.#table.get(keyOf(workspaceId, programInstanceId, kind, value));
  }
  async listForParticipation(workspaceId: string, programInstanceId: string, participationId: string): Promise<readonly OperatorReferenceLink[]> {
    const rows = await this.#table.find((row) => row.workspaceId === workspaceId && row.programInstanceId === programInstanceId && row.participationId === participationId);
    return rows.sort((a, b) => (a.linkedAt < b.linkedAt ? -1 : a.linkedAt > b.linkedAt ? 1 : 0));
  }
  async release(workspaceId: string, programInstanceId: string, kind: string, value: string, participationId: string): Promise<void> {
    const key = keyOf(workspaceId, programInstanceId, kind, value);
    if ((await this.#table.get(key))?.participationId === participationId) await this.#table.delete(key);
  }
}
