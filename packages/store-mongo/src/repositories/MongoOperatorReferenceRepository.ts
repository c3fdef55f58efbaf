import type { InsertResult, OperatorReferenceLink, OperatorReferenceRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** Operator references: linked by a unique insert on `(workspaceId, programInstanceId, kind, value)`, found by equality. */
export class MongoOperatorReferenceRepository implements OperatorReferenceRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(link: OperatorReferenceLink): Promise<InsertResult> {
    return insertUnique(this.model, toDocument(link));
  }

  async find(workspaceId: string, programInstanceId: string, kind: string, value: string): Promise<OperatorReferenceLink | undefined> {
    const document = await this.model.findOne({ workspaceId, programInstanceId, kind, value }).lean();
    return document === null ? undefined : fromDocument<OperatorReferenceLink>(document, 'none');
  }

  async listForParticipation(workspaceId: string, programInstanceId: string, participationId: string): Promise<readonly OperatorReferenceLink[]> {
    // Sorted here: FerretDB v1 does not push a sort down with a filter, and a participation has a handful of links.
    const documents = await this.model.find({ workspaceId, programInstanceId, participationId }).lean();
    return documents.map((document) => fromDocument<OperatorReferenceLink>(document, 'none')).sort((a, b) => a.linkedAt.localeCompare(b.linkedAt));
  }

  async release(workspaceId: string, programInstanceId: string, kind: string, value: string, participationId: string): Promise<void> {
    await this.model.deleteOne({ workspaceId, programInstanceId, kind, value, participationId });
  }
}
