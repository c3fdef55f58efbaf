import type { AdapterOutboxItem } from './ports/AdapterOutboxRepository.js';

/**
 * The idempotency key of an outbox item's calls (`context.idempotencyKey`, sent as `Idempotency-Key` on the `http`
 * service's POSTs and PATCHes): the item's id, which is derived from the event it reports. So every attempt of one
 * item — a retry after a timeout, a dead letter sent again — carries the same key, and no two items share one.
 */
export function outboxIdempotencyKey(item: Pick<AdapterOutboxItem, 'id'>): string {
  return item.id;
}
