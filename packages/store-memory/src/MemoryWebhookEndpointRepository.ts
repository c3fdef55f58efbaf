import type { WebhookEndpoint, WebhookEndpointRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { expectInserted, scoped } from './memoryKeys.js';
import { byKeys } from './paginate.js';

/** The embedded store's webhook endpoints: rows in a {@link MemoryTable}, keyed within their workspace. */
export class MemoryWebhookEndpointRepository implements WebhookEndpointRepository {
  readonly #table = new MemoryTable<WebhookEndpoint>((row) => scoped(row.workspaceId, row.id));
  async insert(endpoint: WebhookEndpoint): Promise<void> {
    expectInserted(await this.#table.insert(endpoint), `Webhook endpoint '${endpoint.id}'`);
  }
  get(workspaceId: string, id: string): Promise<WebhookEndpoint | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
  async listForWorkspace(workspaceId: string): Promise<readonly WebhookEndpoint[]> {
    return (await this.#table.find((row) => row.workspaceId === workspaceId)).sort(byKeys((row) => row.createdAt, (row) => row.id));
  }
  listAll(): Promise<readonly WebhookEndpoint[]> {
    return this.#table.find(() => true);
  }
  replace(endpoint: WebhookEndpoint): Promise<void> {
    return this.#table.put(endpoint);
  }
  delete(workspaceId: string, id: string): Promise<void> {
    return this.#table.delete(scoped(workspaceId, id));
  }
}
