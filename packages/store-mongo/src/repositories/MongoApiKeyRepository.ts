import type { ApiKey, ApiKeyRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertNew } from '../documents/insertNew.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** API keys; `secretHash` is unique, and the lookup by it is the one not scoped by workspace. */
export class MongoApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(key: ApiKey): Promise<void> {
    return insertNew(this.model, toDocument(key), 'API key');
  }

  async findBySecretHash(secretHash: string): Promise<ApiKey | undefined> {
    const document = await this.model.findOne({ secretHash }).lean();
    return document === null ? undefined : fromDocument<ApiKey>(document);
  }

  async get(workspaceId: string, id: string): Promise<ApiKey | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromDocument<ApiKey>(document);
  }

  async list(workspaceId: string): Promise<readonly ApiKey[]> {
    const documents = await this.model.find({ workspaceId }).sort({ createdAt: 1, _id: 1 }).lean();
    return documents.map((document) => fromDocument<ApiKey>(document));
  }

  async markRevoked(workspaceId: string, id: string, revokedAt: string): Promise<void> {
    await this.model.updateOne({ _id: id, workspaceId }, { $set: { revokedAt } });
  }

  async markUsed(workspaceId: string, id: string, usedAt: string): Promise<void> {
    await this.model.updateOne({ _id: id, workspaceId }, { $set: { lastUsedAt: usedAt } });
  }
}
