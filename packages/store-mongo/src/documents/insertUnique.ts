import type { InsertResult } from '@flexroll/core';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from './isDuplicateKeyError.js';
import type { StoredDocument } from './StoredDocument.js';

/**
 * Inserts one document: the store's one atomic guard (DESIGN §3). Losing the race on a unique index is a
 * normal outcome and comes back as `'duplicate'`; every other failure is thrown.
 */
export async function insertUnique(model: Model<StoredDocument>, document: StoredDocument): Promise<InsertResult> {
  try {
    await model.create(document);
    return 'inserted';
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'duplicate';
    throw error;
  }
}
