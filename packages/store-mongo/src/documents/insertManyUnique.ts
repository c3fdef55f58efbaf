import type { InsertResult } from '@flexroll/core';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from './isDuplicateKeyError.js';
import type { StoredDocument } from './StoredDocument.js';

/**
 * Inserts many documents in one unordered bulk write, straight through the driver (no mongoose casting: the
 * documents are already what the store keeps), and reports each one's outcome: a unique-index violation is
 * `'duplicate'` for that document alone, as {@link insertUnique} reports it for one. Any other failure is thrown.
 */
export async function insertManyUnique(model: Model<StoredDocument>, documents: readonly StoredDocument[]): Promise<InsertResult[]> {
  const results: InsertResult[] = documents.map(() => 'inserted');
  if (documents.length === 0) return results;
  try {
    // The driver adds an `_id` to documents without one: hand it copies, not the callers' records.
    await model.collection.insertMany(documents.map((document) => ({ ...document }) as Parameters<typeof model.collection.insertOne>[0]), { ordered: false });
  } catch (error) {
    const failures = (error as { writeErrors?: ReadonlyArray<{ index: number; code?: number; errmsg?: string }> }).writeErrors;
    if (failures === undefined) throw error;
    for (const failure of failures) {
      if (!isDuplicateKeyError({ code: failure.code, message: failure.errmsg })) throw error;
      results[failure.index] = 'duplicate';
    }
  }
  return results;
}
