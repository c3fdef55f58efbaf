import type { InsertResult, Page, PageRequest, WebhookMessage, WebhookMessageFilter, WebhookMessageRepository, WebhookMessageState } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';
import { findPage } from '../queries/findPage.js';

/** Webhook messages: `(endpointId, eventId)` unique; the dispatcher's and replay's lookups are equalities. */
export class MongoWebhookMessageRepository implements WebhookMessageRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(message: WebhookMessage): Promise<InsertResult> {
    return insertUnique(this.model, toDocument(message));
  }

  async get(workspaceId: string, id: string): Promise<WebhookMessage | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromDocument<WebhookMessage>(document);
  }

  list(workspaceId: string, endpointId: string, filter: WebhookMessageFilter, page: PageRequest): Promise<Page<WebhookMessage>> {
    const query = { workspaceId, endpointId, ...(filter.state === undefined ? {} : { state: filter.state }) };
    return findPage<WebhookMessage>(this.model, query, { createdAt: 1, enrollmentId: 1, seq: 1, _id: 1 }, page);
  }

  async listForEndpointInState(workspaceId: string, endpointId: string, state: WebhookMessageState): Promise<readonly WebhookMessage[]> {
    const documents = await this.model.find({ endpointId, state, workspaceId }).lean();
    return documents.map((document) => fromDocument<WebhookMessage>(document));
  }

  async listPending(): Promise<readonly WebhookMessage[]> {
    return (await this.model.find({ state: 'pending' }).lean()).map((document) => fromDocument<WebhookMessage>(document));
  }

  async replace(message: WebhookMessage): Promise<void> {
    await this.model.replaceOne({ _id: message.id, workspaceId: message.workspaceId }, toDocument(message));
  }
}
