import { ConflictError } from '@flexroll/sdk';
import type { Model } from 'mongoose';
import { insertUnique } from './insertUnique.js';
import type { StoredDocument } from './StoredDocument.js';

/** Inserts a record that must not exist yet (a workspace, a key, a program): a duplicate is a conflict. */
export async function insertNew(model: Model<StoredDocument>, document: StoredDocument, what: string): Promise<void> {
  if ((await insertUnique(model, document)) === 'duplicate') {
    throw new ConflictError('duplicate_record', `${what} '${String(document._id)}' already exists.`);
  }
}
