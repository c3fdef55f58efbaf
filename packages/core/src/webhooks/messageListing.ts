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

/**
 * The first bucket a walk of the log needs: the cursor's, or `createdFrom`'s (nothing created before it can match),
 * whichever is later.
 */
export function messageWalkStart(after: MessageKey | undefined, filter: WebhookMessageFilter = {}): string | undefined {
  const starts = [after?.[0], filter.createdFrom].filter((start) => start !== undefined).map((start) => start.slice(0, 19));
  return starts.length === 0 ? undefined : starts.reduce((later, start) => (start > later ? start : later));
}

export function messageMatches(filter: WebhookMessageFilter, message: WebhookMessage): boolean {
  return (
    (filter.state === undefined || message.state === filter.state) &&
    (filter.types === undefined || filter.types.includes(message.type)) &&
    (filter.enrollmentId === undefined || message.enrollmentId === filter.enrollmentId) &&
    (filter.createdFrom === undefined || message.createdAt >= filter.createdFrom) &&
    (filter.createdTo === undefined || message.createdAt <= filter.createdTo)
  );
}

/**
 * Cuts a window out of an endpoint's messages given as buckets, each the messages created in one second, in order
 * (from {@link messageWalkStart}). The stores produce the buckets; the order and the filter are here. The log is in
 * creation order, so the walk ends at the first bucket created after `createdTo`.
 */
export function walkMessages(filter: WebhookMessageFilter, request: WindowRequest<MessageKey>, buckets: AsyncIterable<readonly WebhookMessage[]>): Promise<ListWindow<WebhookMessage, MessageKey>> {
  const walked = filter.createdTo === undefined ? buckets : until(buckets, filter.createdTo);
  return collectWindow(walked, { keyOf: messageKeyOf, compare: compareSortKeys, matches: (message) => messageMatches(filter, message) }, request);
}

/** The buckets up to the first whose messages were all created after `createdTo`: none after it can match either. */
async function* until(buckets: AsyncIterable<readonly WebhookMessage[]>, createdTo: string): AsyncGenerator<readonly WebhookMessage[]> {
  for await (const bucket of buckets) {
    if (bucket.length > 0 && bucket.every((message) => message.createdAt > createdTo)) return;
    yield bucket;
  }
}
