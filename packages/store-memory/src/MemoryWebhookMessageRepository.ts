import {
  type InsertResult, type ListWindow, type MessageKey, mergeSeconds, messageListSecondOf, messageWalkStart, walkMessages, type WebhookMessage,
  type WebhookMessageFilter, type WebhookMessageRepository, type WebhookMessageState, type WindowRequest,
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
  /**
   * The delivery log (ADR 0021): each endpoint's message keys by the second they were created in, in order; the same
   * per endpoint and event type, and each endpoint's keys per enrollment, for the log's filters (ADR 0022).
   */
  readonly #logs = new Map<string, SecondBuckets<string>>();
  readonly #typeLogs = new Map<string, SecondBuckets<string>>();
  readonly #enrollmentLogs = new Map<string, string[]>();
  /** Each endpoint's failed messages by second, kept as messages become failed and stop being so. */
  readonly #failedLogs = new Map<string, SecondBuckets<string>>();
  readonly #failed = new Set<string>();

  async insert(message: WebhookMessage): Promise<InsertResult> {
    const result = await this.#table.insert(message);
    if (result === 'inserted') {
      this.#index(message);
      const key = scoped(message.workspaceId, message.id);
      this.#logOf(this.#logs, scoped(message.workspaceId, message.endpointId)).add(messageListSecondOf(message), key);
      this.#logOf(this.#typeLogs, typeLogKey(message.workspaceId, message.endpointId, message.type)).add(messageListSecondOf(message), key);
      if (message.enrollmentId !== undefined) this.#enrollmentLog(message.workspaceId, message.endpointId, message.enrollmentId).push(key);
    }
    return result;
  }
  get(workspaceId: string, id: string): Promise<WebhookMessage | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
  async list(workspaceId: string, endpointId: string, filter: WebhookMessageFilter, request: WindowRequest<MessageKey>): Promise<ListWindow<WebhookMessage, MessageKey>> {
    await tick();
    return walkMessages(filter, request, this.#bucketsFor(workspaceId, endpointId, filter, messageWalkStart(request.after, filter)));
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

  /** The buckets a filtered walk reads, from `start` on, each message as last replaced: by enrollment, by type, or all. */
  async *#bucketsFor(workspaceId: string, endpointId: string, filter: WebhookMessageFilter, start: string | undefined): AsyncGenerator<readonly WebhookMessage[]> {
    const read = (keys: readonly string[]) => keys.flatMap((key) => this.#table.peek(key) ?? []);
    if (filter.enrollmentId !== undefined) {
      yield read(this.#enrollmentLogs.get(scoped(workspaceId, `${endpointId}/${filter.enrollmentId}`)) ?? []);
      return;
    }
    if (filter.state === 'pending') {
      yield [...this.#pending.values()].filter((message) => message.workspaceId === workspaceId && message.endpointId === endpointId);
      return;
    }
    if (filter.state === 'failed') {
      for (const keys of this.#logOf(this.#failedLogs, scoped(workspaceId, endpointId)).from(start)) yield read(keys);
      return;
    }
    if (filter.types === undefined) {
      for (const keys of this.#logOf(this.#logs, scoped(workspaceId, endpointId)).from(start)) yield read(keys);
      return;
    }
    const logs = filter.types.map((type) => this.#logOf(this.#typeLogs, typeLogKey(workspaceId, endpointId, type)));
    for await (const { second, sources } of mergeSeconds(logs.map((log) => secondsOf(log, start)))) {
      yield sources.flatMap((source) => read(logs[source]!.at(second)));
    }
  }

  #logOf(logs: Map<string, SecondBuckets<string>>, key: string): SecondBuckets<string> {
    let log = logs.get(key);
    if (log === undefined) logs.set(key, (log = new SecondBuckets<string>()));
    return log;
  }

  #enrollmentLog(workspaceId: string, endpointId: string, enrollmentId: string): string[] {
    const key = scoped(workspaceId, `${endpointId}/${enrollmentId}`);
    let log = this.#enrollmentLogs.get(key);
    if (log === undefined) this.#enrollmentLogs.set(key, (log = []));
    return log;
  }

  /** The pending index, and the failed list: a message enters it when it becomes failed and leaves it when it stops. */
  #index(message: WebhookMessage): void {
    const key = scoped(message.workspaceId, message.id);
    if (message.state === 'pending') this.#pending.set(key, frozenCopy(message, { shallow: true }));
    else this.#pending.delete(key);
    if ((message.state === 'failed') === this.#failed.has(key)) return;
    const failed = this.#logOf(this.#failedLogs, scoped(message.workspaceId, message.endpointId));
    if (message.state === 'failed') {
      this.#failed.add(key);
      failed.add(messageListSecondOf(message), key);
    } else {
      this.#failed.delete(key);
      failed.remove(messageListSecondOf(message), key);
    }
  }
}

function typeLogKey(workspaceId: string, endpointId: string, type: string): string {
  return scoped(workspaceId, `${endpointId}/${type}`);
}

async function* secondsOf(log: SecondBuckets<string>, start: string | undefined): AsyncGenerator<string> {
  yield* log.secondsFrom(start);
}
