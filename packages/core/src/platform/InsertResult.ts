/**
 * The outcome of an insert into a unique index — the one guard that is atomic on every store (DESIGN §3).
 * Stores report a duplicate as a value, not an exception, because losing that race is normal.
 */
export type InsertResult = 'inserted' | 'duplicate';
