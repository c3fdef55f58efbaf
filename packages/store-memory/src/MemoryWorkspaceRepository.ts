import type { Workspace, WorkspaceRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { byKeys } from './paginate.js';
import { expectInserted } from './memoryKeys.js';

/** The embedded store's WorkspaceRepository: rows in a {@link MemoryTable}. */
export class MemoryWorkspaceRepository implements WorkspaceRepository {
  readonly #table = new MemoryTable<Workspace>((row) => row.id);
  async insert(workspace: Workspace): Promise<void> {
    expectInserted(await this.#table.insert(workspace), `Workspace ${workspace.id}`);
  }
  get(id: string): Promise<Workspace | undefined> {
    return this.#table.get(id);
  }
  async listAll(): Promise<readonly Workspace[]> {
    return (await this.#table.find(() => true)).sort(byKeys((row) => row.createdAt, (row) => row.id));
  }
}
