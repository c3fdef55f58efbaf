import {
  type InsertResult, type ListWindow, type MessageKey, messageListSecondOf, messageWalkStart, walkMessages, type WebhookMessage, type WebhookMessageFilter,
  type WebhookMessageRepository, type WebhookMessageState, type WindowRequest,
} from '@flexroll/core';
import type { Model } from 'mongoose';
import { insertUnique } from '../documents/insertUnique.js';
import { ListBucketIndex } from '../documents/ListBucketIndex.js';
import { fromMessageDocument, messageListScope, toMessageDocument } from '../documents/messageDocument.js';
import type { StoredDocument } from '../documents/StoredDocument.js';

/**
 * Webhook messages: `(endpointId, eventId)` unique; the dispatcher's and replay's lookups are equalities. Each is
 * stored with `listBucket`, its endpoint's delivery-log bucket, whose second is indexed before it is stored (ADR 0021).
 */
export class MongoWebhookMessageRepository implements WebhookMessageRepository {
  readonly #buckets: ListBucketIndex;

  constructor(private readonly model: Model<StoredDocument>, buckets: Model<StoredDocument>) {
    this.#buckets = new ListBucketIndex(buckets);
  }

  async insert(message: WebhookMessage): Promise<InsertResult> {
    await this.#buckets.ensure(messageListScope(message.workspaceId, message.endpointId), [messageListSecondOf(message)]);
    return insertUnique(this.model, toMessageDocument(message));
  }

  async get(workspaceId: string, id: string): Promise<WebhookMessage | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromMessageDocument(document);
  }

  list(workspaceId: string, endpointId: string, filter: WebhookMessageFilter, request: WindowRequest<MessageKey>): Promise<ListWindow<WebhookMessage, MessageKey>> {
    return walkMessages(filter, request, this.#listBuckets(messageListScope(workspaceId, endpointId), request.after));
  }

  /** The log's seconds from the cursor's on, each one equality on `listBucket` (ADR 0021). */
  async *#listBuckets(scope: string, after: MessageKey | undefined): AsyncGenerator<readonly WebhookMessage[]> {
    for await (const second of this.#buckets.seconds(scope, messageWalkStart(after))) {
      yield (await this.model.find({ listBucket: ListBucketIndex.keyOf(scope, second) }).lean()).map(fromMessageDocument);
    }
  }

  async listForEndpointInState(workspaceId: string, endpointId: string, state: WebhookMessageState): Promise<readonly WebhookMessage[]> {
    const documents = await this.model.find({ endpointId, state, workspaceId }).lean();
    return documents.map(fromMessageDocument);
  }

  async listPending(): Promise<readonly WebhookMessage[]> {
    return (await this.model.find({ state: 'pending' }).lean()).map(fromMessageDocument);
  }

  async replace(message: WebhookMessage): Promise<void> {
    await this.model.replaceOne({ _id: message.id, workspaceId: message.workspaceId }, toMessageDocument(message));
  }
}
