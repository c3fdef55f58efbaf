import { eventFeedBucketsOf, eventListLeafOf, eventListSecondOf, recordedSecondOf, type EnrollmentEvent } from '@flexroll/core';
import { fromDocument } from './fromDocument.js';
import { ListBucketIndex } from './ListBucketIndex.js';
import type { StoredDocument } from './StoredDocument.js';
import { toDocument } from './toDocument.js';

/** The scope of a workspace's event list in `list_buckets` (ADR 0021). */
export function eventListScope(workspaceId: string): string {
  return `events:${workspaceId}`;
}

/**
 * The scope of one program instance's event list in `list_buckets` (issue 24): the workspace list's, narrowed to the
 * instance, so its prefix tree is its own and a walk of it reads only that instance's seconds.
 */
export function instanceEventListScope(workspaceId: string, programInstanceId: string): string {
  return `${eventListScope(workspaceId)}/${programInstanceId}`;
}

/**
 * The stored event: the domain's fields, and the store's own top-level keys, which reads never hand back:
 * `feedBuckets`, the hour, minute and second it is filed in the event feed and in its channels (ADR 0018; one array
 * field, so that an equality on any of them is one pushed-down lookup in one index), `listBucket`, the workspace list's (ADR 0021),
 * and `instanceListBucket`, its program instance's list's (the same bucket in {@link instanceEventListScope}; issue 24).
 * `feedSecond`: the second the feed files it in (the log stamps it just before the insert), else its recorded second.
 * `inLeaf`: listed in its finer bucket (instant and enrollment, `eventListLeafOf`) rather than its second's, as a bulk
 * write's events are (issue 18).
 */
export function toEventDocument(event: EnrollmentEvent, feedSecond?: string, inLeaf = false): StoredDocument {
  return {
    ...toDocument(event),
    feedBuckets: eventFeedBucketsOf(event, feedSecond ?? recordedSecondOf(event)),
    listBucket: ListBucketIndex.keyOf(eventListScope(event.workspaceId), inLeaf ? eventListLeafOf(event) : eventListSecondOf(event)),
    ...(event.programInstanceId === undefined
      ? {}
      : { instanceListBucket: ListBucketIndex.keyOf(instanceEventListScope(event.workspaceId, event.programInstanceId), inLeaf ? eventListLeafOf(event) : eventListSecondOf(event)) }),
  };
}

/** The event a stored document holds, without the store's own keys. */
export function fromEventDocument(document: object): EnrollmentEvent {
  // (`recordedSecond` is the feed's key of events stored before ADR 0018.)
  const { feedBuckets: _feed, recordedSecond: _oldFeed, listBucket: _list, instanceListBucket: _instanceList, ...event } =
    fromDocument<EnrollmentEvent & { feedBuckets?: string[]; recordedSecond?: string; listBucket?: string; instanceListBucket?: string }>(document);
  return event;
}
