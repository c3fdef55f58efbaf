import type { InsertResult, Page, PageRequest, WebhookMessage, WebhookMessageFilter, WebhookMessageRepository, WebhookMessageState } from '@flexroll/core';
import { frozenCopy } from './frozenCopy.js';
import { MemoryTable, tick } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';
import { byKeys, paginate } from './paginate.js';

/**
 * The embedded store's webhook messages: rows in a {@link MemoryTable} with `(endpointId, eventId)` unique, and
 * the pending ones also indexed by key, since the dispatcher asks for them on every run.
 */
export class MemoryWebhookMessageRepository implements WebhookMessageRepository {
  // A message's fields are strings and numbers (the payload is kept as its JSON text), so a shallow frozen copy isolates it.
  readonly #table = new MemoryTable<WebhookMessage>((row) => scoped(row.workspaceId, row.id), [(row) => `${row.endpointId}/${row.eventId}`], (row) => frozenCopy(row, { shallow: true }));
  readonly #pending = new Map<string, WebhookMessage>();

  async insert(message: WebhookMessage): Promise<InsertResult> {
    const result = await this.#table.insert(message);
    if (result === 'inserted') this.#index(message);
    return result;
  }
  get(workspaceId: string, id: string): Promise<WebhookMessage | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
  async list(workspaceId: string, endpointId: string, filter: WebhookMessageFilter, page: PageRequest): Promise<Page<WebhookMessage>> {
    const rows = await this.#table.find((row) => row.workspaceId === workspaceId && row.endpointId === endpointId && (filter.state === undefined || row.state === filter.state));
    return paginate(rows, byKeys((row) => row.createdAt, (row) => row.enrollmentId ?? '', (row) => row.seq ?? 0, (row) => row.id), page);
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

  #index(message: WebhookMessage): void {
    const key = scoped(message.workspaceId, message.id);
    if (message.state === 'pending') this.#pending.set(key, frozenCopy(message, { shallow: true }));
    else this.#pending.delete(key);
  }
}
