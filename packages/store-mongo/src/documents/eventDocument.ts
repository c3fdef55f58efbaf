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
 * The stored event: the domain's fields, and the store's own top-level keys, which reads never hand back:
 * `feedBuckets`, the hour, minute and second it is filed in the event feed and in its channels (ADR 0018; one array
 * field, so that an equality on any of them is one pushed-down lookup in one index), and `listBucket`, the workspace list's (ADR 0021).
 * `feedSecond`: the second the feed files it in (the log stamps it just before the insert), else its recorded second.
 * `inLeaf`: listed in its finer bucket (instant and enrollment, `eventListLeafOf`) rather than its second's, as a bulk
 * write's events are (issue 18).
 */
export function toEventDocument(event: EnrollmentEvent, feedSecond?: string, inLeaf = false): StoredDocument {
  return {
    ...toDocument(event),
    feedBuckets: eventFeedBucketsOf(event, feedSecond ?? recordedSecondOf(event)),
    listBucket: ListBucketIndex.keyOf(eventListScope(event.workspaceId), inLeaf ? eventListLeafOf(event) : eventListSecondOf(event)),
  };
}

/** The event a stored document holds, without the store's own keys. */
export function fromEventDocument(document: object): EnrollmentEvent {
  // (`recordedSecond` is the feed's key of events stored before ADR 0018.)
  const { feedBuckets: _feed, recordedSecond: _oldFeed, listBucket: _list, ...event } =
    fromDocument<EnrollmentEvent & { feedBuckets?: string[]; recordedSecond?: string; listBucket?: string }>(document);
  return event;
}
