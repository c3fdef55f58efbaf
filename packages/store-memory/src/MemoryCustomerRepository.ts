import type { Customer, CustomerRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { expectInserted, scoped } from './memoryKeys.js';

/** The embedded store's CustomerRepository: rows in a {@link MemoryTable}. */
export class MemoryCustomerRepository implements CustomerRepository {
  readonly #table = new MemoryTable<Customer>((row) => scoped(row.workspaceId, row.id));
  async insert(customer: Customer): Promise<void> {
    expectInserted(await this.#table.insert(customer), `Customer ${customer.id}`);
  }
  get(workspaceId: string, id: string): Promise<Customer | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
}
