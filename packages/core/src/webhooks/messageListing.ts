import { collectWindow, compareSortKeys, isKeyOf, type ListWindow, type WindowRequest } from '../platform/index.js';
import type { WebhookMessageFilter } from './ports/WebhookMessageRepository.js';
import type { WebhookMessage } from './WebhookMessage.js';

/**
 * Where a message stands in its endpoint's delivery log (ADR 0021): when it was created, then its enrollment, `seq`
 * and id (workspace-level messages have neither enrollment nor `seq`: they sort as `''` and 0, the order the log had).
 */
export type MessageKey = readonly [createdAt: string, enrollmentId: string, seq: number, id: string];

export function messageKeyOf(message: WebhookMessage): MessageKey {
  return [message.createdAt, message.enrollmentId ?? '', message.seq ?? 0, message.id];
}

export const isMessageKey = isKeyOf<MessageKey>('string', 'string', 'number', 'string');

/** The bucket of an endpoint's log a message falls in: the second it was created in, `YYYY-MM-DDTHH:MM:SS`. */
export function messageListSecondOf(message: Pick<WebhookMessage, 'createdAt'>): string {
  return message.createdAt.slice(0, 19);
}

/** The first bucket a walk of the log needs: the cursor's. */
export function messageWalkStart(after: MessageKey | undefined): string | undefined {
  return after?.[0].slice(0, 19);
}

/**
 * Cuts a window out of an endpoint's messages given as buckets, each the messages created in one second, in order
 * (from {@link messageWalkStart}). The stores produce the buckets; the order and the filter are here.
 */
export function walkMessages(filter: WebhookMessageFilter, request: WindowRequest<MessageKey>, buckets: AsyncIterable<readonly WebhookMessage[]>): Promise<ListWindow<WebhookMessage, MessageKey>> {
  const matches = (message: WebhookMessage): boolean => filter.state === undefined || message.state === filter.state;
  return collectWindow(buckets, { keyOf: messageKeyOf, compare: compareSortKeys, matches }, request);
}
