import type { Model } from 'mongoose';
import { isDuplicateKeyError } from './isDuplicateKeyError.js';
import type { StoredDocument } from './StoredDocument.js';

/**
 * Inserts documents in order, stopping at the first unique-index violation: how many went in. Everything before the
 * duplicate is stored and nothing after it, so consecutive positions stay without gaps. Other failures are thrown.
 */
export async function insertOrdered(model: Model<StoredDocument>, documents: readonly StoredDocument[]): Promise<number> {
  if (documents.length === 0) return 0;
  try {
    await model.collection.insertMany(documents.map((document) => ({ ...document }) as Parameters<typeof model.collection.insertOne>[0]), { ordered: true });
    return documents.length;
  } catch (error) {
    const failures = (error as { writeErrors?: ReadonlyArray<{ index: number; code?: number; errmsg?: string }> }).writeErrors;
    const first = failures?.[0];
    if (first === undefined || !isDuplicateKeyError({ code: first.code, message: first.errmsg })) throw error;
    return first.index;
  }
}
