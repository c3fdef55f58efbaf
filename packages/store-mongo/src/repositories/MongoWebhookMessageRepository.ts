import {
  type InsertResult, type ListWindow, type MessageKey, mergeSeconds, messageListSecondOf, messageWalkStart, walkMessages, type WebhookMessage,
  type WebhookMessageFilter, type WebhookMessageRepository, type WebhookMessageState, type WindowRequest,
} from '@flexroll/core';
import type { Model } from 'mongoose';
import { insertUnique } from '../documents/insertUnique.js';
import { ListBucketIndex } from '../documents/ListBucketIndex.js';
import { fromMessageDocument, messageEnrollmentKey, messageFailedScope, messageListScope, messageTypeScope, toMessageDocument } from '../documents/messageDocument.js';
import type { StoredDocument } from '../documents/StoredDocument.js';

/**
 * Webhook messages: `(endpointId, eventId)` unique; the dispatcher's and replay's lookups are equalities. Each is
 * stored with `listBucket`, its endpoint's delivery-log bucket, and `typeBucket`, the same within its event type,
 * whose seconds are indexed before it is stored (ADR 0021, 0022); and `enrollmentLog`, its enrollment's key.
 */
export class MongoWebhookMessageRepository implements WebhookMessageRepository {
  readonly #buckets: ListBucketIndex;

  constructor(private readonly model: Model<StoredDocument>, buckets: Model<StoredDocument>) {
    this.#buckets = new ListBucketIndex(buckets);
  }

  async insert(message: WebhookMessage): Promise<InsertResult> {
    const second = [messageListSecondOf(message)];
    await Promise.all([
      this.#buckets.ensure(messageListScope(message.workspaceId, message.endpointId), second),
      this.#buckets.ensure(messageTypeScope(message.workspaceId, message.endpointId, message.type), second),
      this.#ensureFailed(message),
    ]);
    return insertUnique(this.model, toMessageDocument(message));
  }

  async get(workspaceId: string, id: string): Promise<WebhookMessage | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromMessageDocument(document);
  }

  list(workspaceId: string, endpointId: string, filter: WebhookMessageFilter, request: WindowRequest<MessageKey>): Promise<ListWindow<WebhookMessage, MessageKey>> {
    const start = messageWalkStart(request.after, filter);
    if (filter.enrollmentId !== undefined) return walkMessages(filter, request, this.#enrollmentLog(workspaceId, endpointId, filter.enrollmentId));
    if (filter.state === 'pending') return walkMessages(filter, request, this.#pendingOf(workspaceId, endpointId));
    if (filter.state === 'failed') return walkMessages(filter, request, this.#listBuckets(messageFailedScope(workspaceId, endpointId), start, 'failedBucket'));
    if (filter.types !== undefined) return walkMessages(filter, request, this.#typeBuckets(workspaceId, endpointId, filter.types, start));
    return walkMessages(filter, request, this.#listBuckets(messageListScope(workspaceId, endpointId), start));
  }

  /** The log's (or its failed messages') seconds from `start` on, each one equality on its key (ADR 0021, 0022). */
  async *#listBuckets(scope: string, start: string | undefined, key: 'listBucket' | 'failedBucket' = 'listBucket'): AsyncGenerator<readonly WebhookMessage[]> {
    for await (const second of this.#buckets.seconds(scope, start)) yield await this.#find({ [key]: ListBucketIndex.keyOf(scope, second) });
  }

  /** The endpoint's pending messages, its backlog, in one bucket by the equality on `(endpointId, state)` (ADR 0022). */
  async *#pendingOf(workspaceId: string, endpointId: string): AsyncGenerator<readonly WebhookMessage[]> {
    yield await this.listForEndpointInState(workspaceId, endpointId, 'pending');
  }

  /** A failed message's second in its endpoint's failed list, indexed before the message is stored failed. */
  async #ensureFailed(message: WebhookMessage): Promise<void> {
    if (message.state === 'failed') await this.#buckets.ensure(messageFailedScope(message.workspaceId, message.endpointId), [messageListSecondOf(message)]);
  }

  /** Each type's seconds from `start` on, merged in order; each second of a type one equality on `typeBucket` (ADR 0022). */
  async *#typeBuckets(workspaceId: string, endpointId: string, types: readonly string[], start: string | undefined): AsyncGenerator<readonly WebhookMessage[]> {
    const scopes = types.map((type) => messageTypeScope(workspaceId, endpointId, type));
    for await (const { second, sources } of mergeSeconds(scopes.map((scope) => this.#buckets.seconds(scope, start)))) {
      const found = await Promise.all(sources.map((source) => this.#find({ typeBucket: ListBucketIndex.keyOf(scopes[source]!, second) })));
      yield found.flat();
    }
  }

  /** One enrollment's messages to the endpoint, one bucket by one equality on `enrollmentLog` (ADR 0022). */
  async *#enrollmentLog(workspaceId: string, endpointId: string, enrollmentId: string): AsyncGenerator<readonly WebhookMessage[]> {
    yield await this.#find({ enrollmentLog: messageEnrollmentKey(workspaceId, endpointId, enrollmentId) });
  }

  async #find(filter: Record<string, string>): Promise<readonly WebhookMessage[]> {
    return (await this.model.find(filter).lean()).map(fromMessageDocument);
  }

  async listForEndpointInState(workspaceId: string, endpointId: string, state: WebhookMessageState): Promise<readonly WebhookMessage[]> {
    const documents = await this.model.find({ endpointId, state, workspaceId }).lean();
    return documents.map(fromMessageDocument);
  }

  async listPending(): Promise<readonly WebhookMessage[]> {
    return (await this.model.find({ state: 'pending' }).lean()).map(fromMessageDocument);
  }

  async replace(message: WebhookMessage): Promise<void> {
    await this.#ensureFailed(message);
    await this.model.replaceOne({ _id: message.id, workspaceId: message.workspaceId }, toMessageDocument(message));
  }
}
