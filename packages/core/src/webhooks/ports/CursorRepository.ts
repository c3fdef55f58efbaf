import type { Cursor } from '../dispatch/Cursor.js';

/** Positions of background work, by key; plain reads and writes (see {@link Cursor}: never a guard). */
export interface CursorRepository {
  get(key: string): Promise<Cursor | undefined>;
  put(cursor: Cursor): Promise<void>;
}
