import {
  type InsertResult, type ListWindow, type MessageKey, messageListSecondOf, messageWalkStart, walkMessages, type WebhookMessage, type WebhookMessageFilter,
  type WebhookMessageRepository, type WebhookMessageState, type WindowRequest,
} from '@flexroll/core';
import { frozenCopy } from './frozenCopy.js';
import { MemoryTable, tick } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';
import { SecondBuckets } from './SecondBuckets.js';

/**
 * The embedded store's webhook messages: rows in a {@link MemoryTable} with `(endpointId, eventId)` unique, and
 * the pending ones also indexed by key, since the dispatcher asks for them on every run.
 */
export class MemoryWebhookMessageRepository implements WebhookMessageRepository {
  // A message's fields are strings and numbers (the payload is kept as its JSON text), so a shallow frozen copy isolates it.
  readonly #table = new MemoryTable<WebhookMessage>((row) => scoped(row.workspaceId, row.id), [(row) => `${row.endpointId}/${row.eventId}`], (row) => frozenCopy(row, { shallow: true }));
  readonly #pending = new Map<string, WebhookMessage>();
  /** The delivery log (ADR 0021): each endpoint's message keys by the second they were created in, in order. */
  readonly #logs = new Map<string, SecondBuckets<string>>();

  async insert(message: WebhookMessage): Promise<InsertResult> {
    const result = await this.#table.insert(message);
    if (result === 'inserted') {
      this.#index(message);
      this.#logOf(message.workspaceId, message.endpointId).add(messageListSecondOf(message), scoped(message.workspaceId, message.id));
    }
    return result;
  }
  get(workspaceId: string, id: string): Promise<WebhookMessage | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
  async list(workspaceId: string, endpointId: string, filter: WebhookMessageFilter, request: WindowRequest<MessageKey>): Promise<ListWindow<WebhookMessage, MessageKey>> {
    await tick();
    return walkMessages(filter, request, this.#buckets(this.#logOf(workspaceId, endpointId), request.after));
  }
  listForEndpointInState(workspaceId: string, endpointId: string, state: WebhookMessageState): Promise<readonly WebhookMessage[]> {
    return this.#table.find((row) => row.workspaceId === workspaceId && row.endpointId === endpointId && row.state === state);
  }
  async listPending(): Promise<readonly WebhookMessage[]> {
    await tick();
    return [...this.#pending.values()];
  }
  async replace(message: WebhookMessage): Promise<void> {
    await this.#table.put(message);
    this.#index(message);
  }

  /** The log's buckets from the cursor's second on, each message as last replaced. */
  async *#buckets(log: SecondBuckets<string>, after: MessageKey | undefined): AsyncGenerator<readonly WebhookMessage[]> {
    for (const keys of log.from(messageWalkStart(after))) yield keys.flatMap((key) => this.#table.peek(key) ?? []);
  }

  #logOf(workspaceId: string, endpointId: string): SecondBuckets<string> {
    const key = scoped(workspaceId, endpointId);
    let log = this.#logs.get(key);
    if (log === undefined) this.#logs.set(key, (log = new SecondBuckets<string>()));
    return log;
  }

  #index(message: WebhookMessage): void {
    const key = scoped(message.workspaceId, message.id);
    if (message.state === 'pending') this.#pending.set(key, frozenCopy(message, { shallow: true }));
    else this.#pending.delete(key);
  }
}
