import type { Lead, LeadRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertNew } from '../documents/insertNew.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** A workspace's leads. */
export class MongoLeadRepository implements LeadRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(lead: Lead): Promise<void> {
    return insertNew(this.model, toDocument(lead), 'Lead');
  }

  async get(workspaceId: string, id: string): Promise<Lead | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromDocument<Lead>(document);
  }
}
