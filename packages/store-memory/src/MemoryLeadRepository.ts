import type { Lead, LeadRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { expectInserted, scoped } from './memoryKeys.js';

/** The embedded store's LeadRepository: rows in a {@link MemoryTable}. */
export class MemoryLeadRepository implements LeadRepository {
  readonly #table = new MemoryTable<Lead>((row) => scoped(row.workspaceId, row.id));
  async insert(lead: Lead): Promise<void> {
    expectInserted(await this.#table.insert(lead), `Lead ${lead.id}`);
  }
  get(workspaceId: string, id: string): Promise<Lead | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
}
