import type { Page, PageRequest, ProgramInstance, ProgramInstanceRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { byKeys, paginate } from './paginate.js';
import { expectInserted, scoped } from './memoryKeys.js';

/** The embedded store's ProgramInstanceRepository: rows in a {@link MemoryTable}. */
export class MemoryProgramInstanceRepository implements ProgramInstanceRepository {
  readonly #table = new MemoryTable<ProgramInstance>((row) => scoped(row.workspaceId, row.id), [(row) => row.id]);
  async insert(instance: ProgramInstance): Promise<void> {
    expectInserted(await this.#table.insert(instance), `Program instance ${instance.id}`);
  }
  get(workspaceId: string, id: string): Promise<ProgramInstance | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
  async list(workspaceId: string, page: PageRequest): Promise<Page<ProgramInstance>> {
    const rows = await this.#table.find((row) => row.workspaceId === workspaceId);
    return paginate(rows, byKeys((row) => row.createdAt, (row) => row.id), page);
  }
  replace(instance: ProgramInstance): Promise<void> {
    return this.#table.put(instance);
  }
  findAnywhere(id: string): Promise<ProgramInstance | undefined> {
    return this.#table.getByUnique(0, id);
  }
}
