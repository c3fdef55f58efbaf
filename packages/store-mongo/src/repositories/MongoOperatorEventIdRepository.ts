import type { InsertResult, OperatorEventIdRecord, OperatorEventIdRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** Operator event ids: recorded by a unique insert on `(workspaceId, programInstanceId, adapterId, eventId)`, found by equality. */
export class MongoOperatorEventIdRepository implements OperatorEventIdRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(record: OperatorEventIdRecord): Promise<InsertResult> {
    return insertUnique(this.model, toDocument(record));
  }

  async find(workspaceId: string, programInstanceId: string, adapterId: string, eventId: string): Promise<OperatorEventIdRecord | undefined> {
    const document = await this.model.findOne({ workspaceId, programInstanceId, adapterId, eventId }).lean();
    return document === null ? undefined : fromDocument<OperatorEventIdRecord>(document, 'none');
  }

  async release(workspaceId: string, programInstanceId: string, adapterId: string, eventId: string, receiptId: string): Promise<void> {
    await this.model.deleteOne({ workspaceId, programInstanceId, adapterId, eventId, receiptId });
  }
}
