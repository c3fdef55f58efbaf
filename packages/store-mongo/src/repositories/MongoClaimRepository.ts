import type { Claim, ClaimRepository, InsertResult } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import { readableId, storedId } from '../documents/legacyIds.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/**
 * Exclusive claims: taken by a unique insert on `(workspaceId, key)`, stored under their own id. A claim is removed
 * by that id only — never by a filter on its fields, which FerretDB v1 would not re-check when it deletes.
 */
export class MongoClaimRepository implements ClaimRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  claim(claim: Claim): Promise<InsertResult> {
    return insertUnique(this.model, toDocument(claim));
  }

  async get(workspaceId: string, key: string): Promise<Claim | undefined> {
    const document = await this.model.findOne({ workspaceId, key }).lean();
    // A claim from before claims had ids and leases reads as lapsed (no leaseUntil), with a `legacy_` id.
    return document === null ? undefined : { ...fromDocument<Claim>(document), id: readableId(document) };
  }

  async remove(workspaceId: string, _key: string, claimId: string): Promise<void> {
    // The driver's collection, not the model: the schema would cast a legacy record's ObjectId to a string.
    await this.model.collection.deleteOne({ _id: storedId(claimId) as never, workspaceId });
  }
}
