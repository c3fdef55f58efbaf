import type { Cursor, CursorRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '../documents/isDuplicateKeyError.js';
import type { StoredDocument } from '../documents/StoredDocument.js';

/** Cursors by key. A plain upsert: two racing first writes may clash on `_id`, and the loser then replaces. */
export class MongoCursorRepository implements CursorRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  async get(key: string): Promise<Cursor | undefined> {
    const document = await this.model.findOne({ _id: key }).lean();
    return document === null ? undefined : { key, value: String(document.value), updatedAt: String(document.updatedAt) };
  }

  async put(cursor: Cursor): Promise<void> {
    const document = { _id: cursor.key, value: cursor.value, updatedAt: cursor.updatedAt };
    try {
      await this.model.replaceOne({ _id: cursor.key }, document, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.model.replaceOne({ _id: cursor.key }, document);
    }
  }
}
