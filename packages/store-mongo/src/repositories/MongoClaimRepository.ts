import type { Claim, ClaimRepository, InsertResult } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** Exclusive claims: taken by a unique insert on `(workspaceId, key)`, released only by their owner. */
export class MongoClaimRepository implements ClaimRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  claim(claim: Claim): Promise<InsertResult> {
    return insertUnique(this.model, toDocument(claim));
  }

  async get(workspaceId: string, key: string): Promise<Claim | undefined> {
    const document = await this.model.findOne({ workspaceId, key }).lean();
    return document === null ? undefined : fromDocument<Claim>(document, 'none');
  }

  async release(workspaceId: string, key: string, ownerId: string): Promise<void> {
    await this.model.deleteOne({ workspaceId, key, ownerId });
  }
}
