import { FlexrollError } from '@flexroll/sdk';
import type { Operation } from './Operation.js';

/**
 * Inserts a new record whose id may be derived from an idempotent request ({@link Operation}). When that id is
 * already taken, an earlier attempt of the same request made the record: it is the answer, not a conflict.
 */
export async function insertOnce<T>(operation: Operation | undefined, record: T, insert: (record: T) => Promise<void>, find: () => Promise<T | undefined>): Promise<T> {
  try {
    await insert(record);
    return record;
  } catch (error) {
    if (operation === undefined || !FlexrollError.is(error) || error.code !== 'duplicate_record') throw error;
    const earlier = await find();
    if (earlier === undefined) throw error;
    return earlier;
  }
}
