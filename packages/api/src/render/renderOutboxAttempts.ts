import type { AdapterOutboxItem, ListedCustomerMail } from '@flexroll/core';

/** What both outboxes (the adapter's and the customer mail's) record of an item's attempts, as one attempt loop keeps it. */
type AttemptedItem = Pick<AdapterOutboxItem | ListedCustomerMail, 'status' | 'attempts' | 'attemptLimit' | 'nextAttemptAt' | 'lastError' | 'createdAt' | 'updatedAt'>;

/** How an outbox item's delivery stands, in the same fields for both outboxes' lists. */
export function renderOutboxAttempts(item: AttemptedItem): Record<string, unknown> {
  return {
    status: item.status,
    attempts: item.attempts,
    attemptLimit: item.attemptLimit,
    nextAttemptAt: item.nextAttemptAt,
    ...(item.lastError === undefined ? {} : { lastError: item.lastError }),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}
