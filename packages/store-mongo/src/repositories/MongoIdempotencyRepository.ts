import type { IdempotencyRecord, IdempotencyRepository, InsertResult } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import { readableId, storedId } from '../documents/legacyIds.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/**
 * Idempotency keys: reserved by a unique insert on `(workspaceId, key)`, each attempt under its own `_id`. An attempt
 * answers, frees or ends its reservation by that `_id` alone, so it never touches a later attempt's record (a
 * filter on other fields would not protect it: FerretDB v1 does not re-check filters when it writes).
 */
export class MongoIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  reserve(record: IdempotencyRecord): Promise<InsertResult> {
    return insertUnique(this.model, toDocument(record));
  }

  async get(workspaceId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const document = await this.model.findOne({ workspaceId, key }).lean();
    return document === null ? undefined : { ...fromDocument<IdempotencyRecord>(document), id: readableId(document) };
  }

  async update(workspaceId: string, _key: string, id: string, changes: Partial<Pick<IdempotencyRecord, 'response' | 'lockedUntil'>>): Promise<void> {
    await this.model.collection.updateOne({ _id: storedId(id) as never, workspaceId }, { $set: changes });
  }

  async remove(workspaceId: string, _key: string, id: string): Promise<void> {
    await this.model.collection.deleteOne({ _id: storedId(id) as never, workspaceId });
  }

  /**
   * A background sweep, never a guard: a range filter (not pushed down by FerretDB v1), run once an hour. Records from
   * before keys expired (no `expiresAt`) go too.
   */
  async removeExpired(now: string): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ $or: [{ expiresAt: { $lte: now } }, { expiresAt: { $exists: false } }] });
    return deletedCount;
  }
}
