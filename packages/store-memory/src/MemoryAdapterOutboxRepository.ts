import type { AdapterOutboxItem, AdapterOutboxRepository, AdapterOutboxStatus, InsertResult, Page, PageRequest } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';
import { byKeys, paginate } from './paginate.js';

const oldestFirst = byKeys<AdapterOutboxItem>((row) => row.createdAt, (row) => row.enrollmentId, (row) => row.seq);

/** The embedded store's AdapterOutboxRepository: items in a {@link MemoryTable} (their attempts are the attempts port's). */
export class MemoryAdapterOutboxRepository implements AdapterOutboxRepository {
  readonly #items = new MemoryTable<AdapterOutboxItem>((row) => scoped(row.workspaceId, row.id), [(row) => row.id]);

  enqueue(item: AdapterOutboxItem): Promise<InsertResult> {
    return this.#items.insert(item);
  }
  get(workspaceId: string, id: string): Promise<AdapterOutboxItem | undefined> {
    return this.#items.get(scoped(workspaceId, id));
  }
  async listPending(limit: number): Promise<readonly AdapterOutboxItem[]> {
    const rows = await this.#items.find((row) => row.status === 'pending');
    return rows.sort(oldestFirst).slice(0, limit);
  }
  async listByInstance(workspaceId: string, programInstanceId: string, status: AdapterOutboxStatus, page: PageRequest): Promise<Page<AdapterOutboxItem>> {
    const rows = await this.#items.find((row) => row.workspaceId === workspaceId && row.programInstanceId === programInstanceId && row.status === status);
    return paginate(rows, oldestFirst, page);
  }
  replace(item: AdapterOutboxItem): Promise<void> {
    return this.#items.put(item);
  }
}
