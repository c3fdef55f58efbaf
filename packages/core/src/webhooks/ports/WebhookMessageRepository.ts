import type { InsertResult, ListWindow, WindowRequest } from '../../platform/index.js';
import type { MessageKey } from '../messageListing.js';
import type { WebhookMessage, WebhookMessageState } from '../WebhookMessage.js';

export interface WebhookMessageFilter {
  readonly state?: WebhookMessageState;
}

/** Messages: one per (endpoint, event), `(endpointId, eventId)` unique, a duplicate reported rather than thrown. */
export interface WebhookMessageRepository {
  insert(message: WebhookMessage): Promise<InsertResult>;
  get(workspaceId: string, id: string): Promise<WebhookMessage | undefined>;
  /**
   * A window of one endpoint's messages, oldest first ({@link MessageKey}), for the delivery log: stores hand their
   * buckets to `walkMessages`, so a window costs what it returns and the one bucket it stops in (ADR 0021).
   */
  list(workspaceId: string, endpointId: string, filter: WebhookMessageFilter, request: WindowRequest<MessageKey>): Promise<ListWindow<WebhookMessage, MessageKey>>;
  /** One endpoint's messages in a state: an equality lookup on `(endpointId, state)`. */
  listForEndpointInState(workspaceId: string, endpointId: string, state: WebhookMessageState): Promise<readonly WebhookMessage[]>;
  /** Every workspace's pending messages, for the dispatcher: an equality lookup on `state`. */
  listPending(): Promise<readonly WebhookMessage[]>;
  /** Writes a message's summary (its state after an attempt or a replay). */
  replace(message: WebhookMessage): Promise<void>;
}
