import type { Workspace, WorkspaceRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertNew } from '../documents/insertNew.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** Workspaces are the tenants themselves, so nothing here is scoped by one. */
export class MongoWorkspaceRepository implements WorkspaceRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(workspace: Workspace): Promise<void> {
    return insertNew(this.model, toDocument(workspace), 'Workspace');
  }

  async get(id: string): Promise<Workspace | undefined> {
    const document = await this.model.findOne({ _id: id }).lean();
    return document === null ? undefined : fromDocument<Workspace>(document);
  }

  async listAll(): Promise<readonly Workspace[]> {
    const documents = await this.model.find({}).sort({ createdAt: 1, _id: 1 }).lean();
    return documents.map((document) => fromDocument<Workspace>(document));
  }
}
