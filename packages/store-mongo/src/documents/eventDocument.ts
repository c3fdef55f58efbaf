import { eventListSecondOf, recordedSecondOf, type EnrollmentEvent } from '@flexroll/core';
import { fromDocument } from './fromDocument.js';
import { ListBucketIndex } from './ListBucketIndex.js';
import type { StoredDocument } from './StoredDocument.js';
import { toDocument } from './toDocument.js';

/** The scope of a workspace's event list in `list_buckets` (ADR 0021). */
export function eventListScope(workspaceId: string): string {
  return `events:${workspaceId}`;
}

/**
 * The stored event: the domain's fields, and the store's own top-level keys, which reads never hand back:
 * `recordedSecond`, the webhook feed's bucket, and `listBucket`, the workspace list's bucket (ADR 0021).
 */
export function toEventDocument(event: EnrollmentEvent): StoredDocument {
  return { ...toDocument(event), recordedSecond: recordedSecondOf(event), listBucket: ListBucketIndex.keyOf(eventListScope(event.workspaceId), eventListSecondOf(event)) };
}

/** The event a stored document holds, without the store's own keys. */
export function fromEventDocument(document: object): EnrollmentEvent {
  const { recordedSecond: _feed, listBucket: _list, ...event } = fromDocument<EnrollmentEvent & { recordedSecond?: string; listBucket?: string }>(document);
  return event;
}
