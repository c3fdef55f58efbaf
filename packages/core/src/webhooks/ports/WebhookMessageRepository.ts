import type { InsertResult, ListWindow, WindowRequest } from '../../platform/index.js';
import type { MessageKey } from '../messageListing.js';
import type { WebhookMessage, WebhookMessageState } from '../WebhookMessage.js';

/**
 * What a delivery log request asks for. The stores read by the most selective key the filter has (ADR 0022): one
 * enrollment's messages by one equality; else the endpoint's pending messages (its backlog) by one equality, or its
 * failed messages' seconds; else the seconds of the types asked for; else the endpoint's whole log. `createdFrom`
 * starts a walk at its second and `createdTo` ends it; whatever the source, every filter is applied to what is read.
 */
export interface WebhookMessageFilter {
  readonly state?: WebhookMessageState;
  /** Any of these event types. */
  readonly types?: readonly string[];
  readonly enrollmentId?: string;
  /** Created at or after, as `toISOString()` gives it. */
  readonly createdFrom?: string;
  /** Created at or before, as `toISOString()` gives it. */
  readonly createdTo?: string;
}

/** Messages: one per (endpoint, event), `(endpointId, eventId)` unique, a duplicate reported rather than thrown. */
export interface WebhookMessageRepository {
  insert(message: WebhookMessage): Promise<InsertResult>;
  get(workspaceId: string, id: string): Promise<WebhookMessage | undefined>;
  /**
   * A window of one endpoint's messages, oldest first ({@link MessageKey}), for the delivery log: stores hand their
   * buckets to `walkMessages`, so a window costs what it returns and the one bucket it stops in (ADR 0021). The
   * buckets come from the filter's most selective key ({@link WebhookMessageFilter}): with `enrollmentId`, one bucket
   * of that enrollment's messages to the endpoint; with `state` `pending`, one bucket of the endpoint's pending
   * messages; with `state` `failed`, the seconds holding failed messages; with `types`, each type's own seconds,
   * merged in order; else the log's.
   */
  list(workspaceId: string, endpointId: string, filter: WebhookMessageFilter, request: WindowRequest<MessageKey>): Promise<ListWindow<WebhookMessage, MessageKey>>;
  /** One endpoint's messages in a state: an equality lookup on `(endpointId, state)`. */
  listForEndpointInState(workspaceId: string, endpointId: string, state: WebhookMessageState): Promise<readonly WebhookMessage[]>;
  /** Every workspace's pending messages, for the dispatcher: an equality lookup on `state`. */
  listPending(): Promise<readonly WebhookMessage[]>;
  /** Writes a message's summary (its state after an attempt or a replay). */
  replace(message: WebhookMessage): Promise<void>;
}
