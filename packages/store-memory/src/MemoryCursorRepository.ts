import type { Cursor, CursorRepository } from '@flexroll/core';
import { frozenCopy } from './frozenCopy.js';
import { MemoryTable } from './MemoryTable.js';

/** The embedded store's cursors: rows in a {@link MemoryTable} by key. */
export class MemoryCursorRepository implements CursorRepository {
  readonly #table = new MemoryTable<Cursor>((row) => row.key, [], (row) => frozenCopy(row, { shallow: true }));
  get(key: string): Promise<Cursor | undefined> {
    return this.#table.get(key);
  }
  put(cursor: Cursor): Promise<void> {
    return this.#table.put(cursor);
  }
}
