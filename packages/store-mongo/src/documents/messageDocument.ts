import { messageListSecondOf, type WebhookMessage } from '@flexroll/core';
import { fromDocument } from './fromDocument.js';
import { ListBucketIndex } from './ListBucketIndex.js';
import type { StoredDocument } from './StoredDocument.js';
import { toDocument } from './toDocument.js';

/** The scope of an endpoint's delivery log in `list_buckets` (ADR 0021). */
export function messageListScope(workspaceId: string, endpointId: string): string {
  return `messages:${workspaceId}/${endpointId}`;
}

/** The stored message, with `listBucket`, its delivery log's bucket (ADR 0021), which reads never hand back. */
export function toMessageDocument(message: WebhookMessage): StoredDocument {
  return { ...toDocument(message), listBucket: ListBucketIndex.keyOf(messageListScope(message.workspaceId, message.endpointId), messageListSecondOf(message)) };
}

export function fromMessageDocument(document: object): WebhookMessage {
  const { listBucket: _list, ...message } = fromDocument<WebhookMessage & { listBucket?: string }>(document);
  return message;
}
