import type { WebhookEndpoint } from '../WebhookEndpoint.js';

/** A workspace's webhook endpoints. Ids are generated, so an insert of an existing id is a conflict (thrown). */
export interface WebhookEndpointRepository {
  insert(endpoint: WebhookEndpoint): Promise<void>;
  get(workspaceId: string, id: string): Promise<WebhookEndpoint | undefined>;
  /** Every endpoint of a workspace, oldest first: one equality lookup on `workspaceId` (the fan-out asks it per event's workspace). */
  listForWorkspace(workspaceId: string): Promise<readonly WebhookEndpoint[]>;
  /** Every workspace's endpoints (a short list): whether the dispatcher's feed owes anything at all (ADR 0018). */
  listAll(): Promise<readonly WebhookEndpoint[]>;
  replace(endpoint: WebhookEndpoint): Promise<void>;
  delete(workspaceId: string, id: string): Promise<void>;
}
