import { messageListSecondOf, type WebhookMessage } from '@flexroll/core';
import { fromDocument } from './fromDocument.js';
import { ListBucketIndex } from './ListBucketIndex.js';
import type { StoredDocument } from './StoredDocument.js';
import { toDocument } from './toDocument.js';

/** The scope of an endpoint's delivery log in `list_buckets` (ADR 0021). */
export function messageListScope(workspaceId: string, endpointId: string): string {
  return `messages:${workspaceId}/${endpointId}`;
}

/** The scope of an endpoint's messages of one event type in `list_buckets` (ADR 0022). */
export function messageTypeScope(workspaceId: string, endpointId: string, type: string): string {
  return `messages:${workspaceId}/${endpointId}/type:${type}`;
}

/** The scope of an endpoint's failed messages in `list_buckets` (ADR 0022). */
export function messageFailedScope(workspaceId: string, endpointId: string): string {
  return `messages:${workspaceId}/${endpointId}/failed`;
}

/** The key of one enrollment's messages to one endpoint: a single equality reads them all (ADR 0022). */
export function messageEnrollmentKey(workspaceId: string, endpointId: string, enrollmentId: string): string {
  return `messages:${workspaceId}/${endpointId}/enrollment:${enrollmentId}`;
}

/** The keys a message's filters read it by (ADR 0022), each present only when it applies. */
export interface MessageFilterKeys {
  /** Its type's bucket: `<type scope>|<created second>`. */
  readonly typeBucket: string;
  /** Its enrollment's key; absent for workspace-level messages. */
  readonly enrollmentLog?: string;
  /** While it is `failed`: `<failed scope>|<created second>`. Rewritten with every summary, so it follows the state. */
  readonly failedBucket?: string;
}

export function messageFilterKeys(message: Pick<WebhookMessage, 'workspaceId' | 'endpointId' | 'type' | 'enrollmentId' | 'createdAt' | 'state'>): MessageFilterKeys {
  const second = messageListSecondOf(message);
  return {
    typeBucket: ListBucketIndex.keyOf(messageTypeScope(message.workspaceId, message.endpointId, message.type), second),
    ...(message.enrollmentId === undefined ? {} : { enrollmentLog: messageEnrollmentKey(message.workspaceId, message.endpointId, message.enrollmentId) }),
    ...(message.state === 'failed' ? { failedBucket: ListBucketIndex.keyOf(messageFailedScope(message.workspaceId, message.endpointId), second) } : {}),
  };
}

/**
 * The stored message, with its bucket keys, which reads never hand back: `listBucket`, its delivery log's bucket
 * (ADR 0021), `typeBucket`, the same within its event type, `failedBucket` while it is failed, and `enrollmentLog`,
 * its enrollment's (ADR 0022).
 */
export function toMessageDocument(message: WebhookMessage): StoredDocument {
  return { ...toDocument(message), listBucket: ListBucketIndex.keyOf(messageListScope(message.workspaceId, message.endpointId), messageListSecondOf(message)), ...messageFilterKeys(message) };
}

export function fromMessageDocument(document: object): WebhookMessage {
  const { listBucket: _list, typeBucket: _type, enrollmentLog: _enrollment, failedBucket: _failed, ...message } = fromDocument<WebhookMessage & { listBucket?: string } & Partial<MessageFilterKeys>>(document);
  return message;
}
