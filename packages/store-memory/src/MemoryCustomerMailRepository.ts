import type { CustomerMailItem, CustomerMailRepository, CustomerMailStatus, InsertResult, Page, PageRequest } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';
import { byKeys, paginate } from './paginate.js';

const oldestFirst = byKeys<CustomerMailItem>((row) => row.createdAt, (row) => row.enrollmentId, (row) => row.seq);

/** The embedded store's CustomerMailRepository: items in a {@link MemoryTable} (their attempts are the attempts port's). */
export class MemoryCustomerMailRepository implements CustomerMailRepository {
  readonly #items = new MemoryTable<CustomerMailItem>((row) => scoped(row.workspaceId, row.id), [(row) => row.id]);

  enqueue(item: CustomerMailItem): Promise<InsertResult> {
    return this.#items.insert(item);
  }
  get(workspaceId: string, id: string): Promise<CustomerMailItem | undefined> {
    return this.#items.get(scoped(workspaceId, id));
  }
  async listPending(limit: number): Promise<readonly CustomerMailItem[]> {
    const rows = await this.#items.find((row) => row.status === 'pending');
    return rows.sort(oldestFirst).slice(0, limit);
  }
  async listByInstance(workspaceId: string, programInstanceId: string, status: CustomerMailStatus, page: PageRequest): Promise<Page<CustomerMailItem>> {
    const rows = await this.#items.find((row) => row.workspaceId === workspaceId && row.programInstanceId === programInstanceId && row.status === status);
    return paginate(rows, oldestFirst, page);
  }
  replace(item: CustomerMailItem): Promise<void> {
    return this.#items.put(item);
  }
}
