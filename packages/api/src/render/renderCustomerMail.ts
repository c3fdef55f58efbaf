import type { ListedCustomerMail } from '@flexroll/core';
import { renderOutboxAttempts } from './renderOutboxAttempts.js';

/** A customer mail as the instance's list shows it: what it reports and how its sending stands, the address masked. */
export function renderCustomerMail(item: ListedCustomerMail): Record<string, unknown> {
  return {
    id: item.id,
    enrollmentId: item.enrollmentId,
    kind: item.kind,
    ...(item.state === undefined ? {} : { state: item.state }),
    locale: item.locale,
    ...(item.recipient === undefined ? {} : { recipient: item.recipient }),
    ...renderOutboxAttempts(item),
    ...(item.sentAt === undefined ? {} : { sentAt: item.sentAt }),
  };
}
