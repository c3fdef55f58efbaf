import type { Page, PageRequest, InsertResult } from '../../platform/index.js';
import type { WebhookMessage, WebhookMessageState } from '../WebhookMessage.js';

export interface WebhookMessageFilter {
  readonly state?: WebhookMessageState;
}

/** Messages: one per (endpoint, event), `(endpointId, eventId)` unique, a duplicate reported rather than thrown. */
export interface WebhookMessageRepository {
  insert(message: WebhookMessage): Promise<InsertResult>;
  get(workspaceId: string, id: string): Promise<WebhookMessage | undefined>;
  /** One endpoint's messages, oldest first (by creation, then enrollment and `seq`), for the delivery log. */
  list(workspaceId: string, endpointId: string, filter: WebhookMessageFilter, page: PageRequest): Promise<Page<WebhookMessage>>;
  /** One endpoint's messages in a state: an equality lookup on `(endpointId, state)`. */
  listForEndpointInState(workspaceId: string, endpointId: string, state: WebhookMessageState): Promise<readonly WebhookMessage[]>;
  /** Every workspace's pending messages, for the dispatcher: an equality lookup on `state`. */
  listPending(): Promise<readonly WebhookMessage[]>;
  /** Writes a message's summary (its state after an attempt or a replay). */
  replace(message: WebhookMessage): Promise<void>;
}
