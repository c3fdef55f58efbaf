import type { Page, PageRequest, Program, ProgramRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { byKeys, paginate } from './paginate.js';
import { expectInserted } from './memoryKeys.js';

/** The embedded store's ProgramRepository: rows in a {@link MemoryTable}. */
export class MemoryProgramRepository implements ProgramRepository {
  readonly #table = new MemoryTable<Program>((row) => row.id);
  async insert(program: Program): Promise<void> {
    expectInserted(await this.#table.insert(program), `Program ${program.id}`);
  }
  get(id: string): Promise<Program | undefined> {
    return this.#table.get(id);
  }
  async list(page: PageRequest): Promise<Page<Program>> {
    return paginate(await this.#table.find(() => true), byKeys((row) => row.createdAt, (row) => row.id), page);
  }
  replace(program: Program): Promise<void> {
    return this.#table.put(program);
  }
}
