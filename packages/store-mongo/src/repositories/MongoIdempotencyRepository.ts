import type { IdempotencyRecord, IdempotencyRepository, InsertResult, StoredResponse } from '@flexroll/core';
import type { Model } from 'mongoose';
import { encodeData } from '../documents/documentCodec.js';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** Idempotency keys: reserved by a unique insert on `(workspaceId, key)`, then completed with the response. */
export class MongoIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  reserve(record: IdempotencyRecord): Promise<InsertResult> {
    return insertUnique(this.model, toDocument(record));
  }

  async get(workspaceId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const document = await this.model.findOne({ workspaceId, key }).lean();
    return document === null ? undefined : fromDocument<IdempotencyRecord>(document, 'none');
  }

  async complete(workspaceId: string, key: string, response: StoredResponse): Promise<void> {
    await this.model.updateOne({ workspaceId, key }, { $set: { response: encodeData(response) } });
  }

  /** Deletes the reservation only while it is unanswered and still this request's. */
  async forget(workspaceId: string, key: string, fingerprint: string): Promise<void> {
    await this.model.deleteOne({ workspaceId, key, fingerprint, response: { $exists: false } });
  }
}
