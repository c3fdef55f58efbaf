import { feedBucketsOf, recordedSecondOf, type EnrollmentEvent, type EnrollmentEventRepository, type EventFeedRepository, type EventFilter, type InsertResult, type Page, type PageRequest } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import { insertManyUnique } from '../documents/insertManyUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';
import { eventQuery } from '../queries/eventQuery.js';
import { findPage } from '../queries/findPage.js';

/**
 * The append-only log. The unique `(enrollmentId, seq)` index decides which of two racing writers wins. Each event is
 * stored with `feedBuckets` beside it, its hour, minute and second in the event feed (ADR 0018), which reads never
 * hand back: one array field, so that an equality on any of them is one pushed-down lookup in one index.
 */
export class MongoEnrollmentEventRepository implements EnrollmentEventRepository, EventFeedRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(event: EnrollmentEvent, feedSecond?: string): Promise<InsertResult> {
    return insertUnique(this.model, { ...toDocument(event), feedBuckets: feedBucketsOf(feedSecond ?? recordedSecondOf(event)) });
  }

  /** Many events in one unordered bulk write (a bulk import); each duplicate is reported as `insert` would. */
  insertMany(events: readonly EnrollmentEvent[], feedSecond?: string): Promise<InsertResult[]> {
    return insertManyUnique(this.model, events.map((event) => ({ ...toDocument(event), feedBuckets: feedBucketsOf(feedSecond ?? recordedSecondOf(event)) })));
  }

  async exists(workspaceId: string, enrollmentId: string, seq: number): Promise<boolean> {
    return (await this.model.findOne({ enrollmentId, seq, workspaceId }, { _id: 1 }).lean()) !== null;
  }

  /**
   * Asks for the next event by equality first (a point lookup in the `(enrollmentId, seq)` index, and the usual
   * answer: none), and only when there is one for the rest by range. FerretDB v1 pushes down equality but not
   * ranges, so a range alone would read the enrollment's whole log there on every call.
   */
  async listForEnrollment(workspaceId: string, enrollmentId: string, afterSeq: number): Promise<readonly EnrollmentEvent[]> {
    const next = await this.model.findOne({ enrollmentId, seq: afterSeq + 1, workspaceId }).lean();
    if (next === null) return [];
    const rest = await this.model.find({ workspaceId, enrollmentId, seq: { $gt: afterSeq + 1 } }).sort({ seq: 1 }).lean();
    return [next, ...rest].map(fromEventDocument);
  }

  async list(workspaceId: string, filter: EventFilter, page: PageRequest): Promise<Page<EnrollmentEvent>> {
    const found = await findPage<EnrollmentEvent & FeedField>(this.model, eventQuery(workspaceId, filter), { occurredAt: 1, enrollmentId: 1, seq: 1 }, page);
    return { ...found, data: found.data.map(withoutFeedField) };
  }

  /** A string equality on the array field: pushed down by FerretDB v1 as a containment, served by its GIN index. */
  async listRecordedIn(bucket: string): Promise<readonly EnrollmentEvent[]> {
    return (await this.model.find({ feedBuckets: bucket }).lean()).map(fromEventDocument);
  }

  /** Selects by the old second (pushed down), then the ids among what it holds: costs that second's events. */
  async restamp(eventIds: readonly string[], fromSecond: string, toSecond: string): Promise<void> {
    await this.model.updateMany({ feedBuckets: fromSecond, _id: { $in: [...eventIds] } }, { $set: { feedBuckets: feedBucketsOf(toSecond) } });
  }
}

interface FeedField {
  readonly feedBuckets?: readonly string[];
}

function fromEventDocument(document: object): EnrollmentEvent {
  return withoutFeedField(fromDocument<EnrollmentEvent & FeedField>(document));
}

function withoutFeedField(event: EnrollmentEvent & FeedField): EnrollmentEvent {
  const { feedBuckets: _feed, ...rest } = event;
  return rest;
}
