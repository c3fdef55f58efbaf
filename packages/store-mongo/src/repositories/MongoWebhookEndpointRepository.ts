import type { WebhookEndpoint, WebhookEndpointRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertNew } from '../documents/insertNew.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** A workspace's webhook endpoints. Sorting is done here: FerretDB v1 pushes no sort down, and a workspace has few. */
export class MongoWebhookEndpointRepository implements WebhookEndpointRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(endpoint: WebhookEndpoint): Promise<void> {
    return insertNew(this.model, toDocument(endpoint), 'Webhook endpoint');
  }

  async get(workspaceId: string, id: string): Promise<WebhookEndpoint | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromDocument<WebhookEndpoint>(document);
  }

  async listForWorkspace(workspaceId: string): Promise<readonly WebhookEndpoint[]> {
    const endpoints = (await this.model.find({ workspaceId }).lean()).map((document) => fromDocument<WebhookEndpoint>(document));
    return endpoints.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async listAll(): Promise<readonly WebhookEndpoint[]> {
    return (await this.model.find({}).lean()).map((document) => fromDocument<WebhookEndpoint>(document));
  }

  async replace(endpoint: WebhookEndpoint): Promise<void> {
    await this.model.replaceOne({ _id: endpoint.id, workspaceId: endpoint.workspaceId }, toDocument(endpoint));
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    await this.model.deleteOne({ _id: id, workspaceId });
  }
}
