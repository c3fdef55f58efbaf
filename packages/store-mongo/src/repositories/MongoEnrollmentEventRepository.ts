import {
  type EnrollmentEvent, type EnrollmentEventRepository, type EventFeedRepository, type EventFilter, type EventKey, eventFeedBucketsOf, eventListSecondOf, eventWalkStart,
  type InsertResult, type ListWindow, walkEvents, type WindowRequest,
} from '@flexroll/core';
import type { Model } from 'mongoose';
import { eventListScope, fromEventDocument, toEventDocument } from '../documents/eventDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import { insertManyUnique } from '../documents/insertManyUnique.js';
import { ListBucketIndex } from '../documents/ListBucketIndex.js';
import type { StoredDocument } from '../documents/StoredDocument.js';

/**
 * The append-only log. The unique `(enrollmentId, seq)` index decides which of two racing writers wins. Each event is
 * stored with the store's own bucket keys beside it (`documents/eventDocument.ts`): `feedBuckets`, its hour, minute
 * and second in the event feed (ADR 0018), and `listBucket`, the workspace list's, whose second is put in the list's
 * index before the event is stored (ADR 0021).
 */
export class MongoEnrollmentEventRepository implements EnrollmentEventRepository, EventFeedRepository {
  readonly #buckets: ListBucketIndex;

  constructor(private readonly model: Model<StoredDocument>, buckets: Model<StoredDocument>) {
    this.#buckets = new ListBucketIndex(buckets);
  }

  async insert(event: EnrollmentEvent, feedSecond?: string): Promise<InsertResult> {
    await this.#buckets.ensure(eventListScope(event.workspaceId), [eventListSecondOf(event)]);
    return insertUnique(this.model, toEventDocument(event, feedSecond));
  }

  /** Many events in one unordered bulk write (a bulk import); each duplicate is reported as `insert` would. */
  async insertMany(events: readonly EnrollmentEvent[], feedSecond?: string): Promise<InsertResult[]> {
    for (const [workspaceId, seconds] of secondsByWorkspace(events)) await this.#buckets.ensure(eventListScope(workspaceId), seconds);
    return insertManyUnique(this.model, events.map((event) => toEventDocument(event, feedSecond)));
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

  async list(workspaceId: string, filter: EventFilter, request: WindowRequest<EventKey>): Promise<ListWindow<EnrollmentEvent, EventKey>> {
    return walkEvents(filter, request, this.#listBuckets(workspaceId, filter, request.after));
  }

  /**
   * One enrollment's log as one bucket (one equality on the enrollment), or the workspace's seconds from the walk's
   * start, each one equality on `listBucket`, found in the list's index as the walk goes (ADR 0021).
   */
  async *#listBuckets(workspaceId: string, filter: EventFilter, after: EventKey | undefined): AsyncGenerator<readonly EnrollmentEvent[]> {
    if (filter.enrollmentId !== undefined) {
      yield (await this.model.find({ workspaceId, enrollmentId: filter.enrollmentId }).lean()).map(fromEventDocument);
      return;
    }
    const scope = eventListScope(workspaceId);
    for await (const second of this.#buckets.seconds(scope, eventWalkStart(filter, after))) {
      yield (await this.model.find({ listBucket: ListBucketIndex.keyOf(scope, second) }).lean()).map(fromEventDocument);
    }
  }

  /** A string equality on the array field: pushed down by FerretDB v1 as a containment, served by its GIN index. */
  async listRecordedIn(bucket: string): Promise<readonly EnrollmentEvent[]> {
    return (await this.model.find({ feedBuckets: bucket }).lean()).map(fromEventDocument);
  }

  /**
   * Selects by the old second (pushed down), then the ids among what it holds: costs that second's events. One update
   * per set of channels (an event's buckets depend on them; a batch's are usually all alike).
   */
  async restamp(events: readonly EnrollmentEvent[], fromSecond: string, toSecond: string): Promise<void> {
    const byBuckets = new Map<string, { buckets: string[]; ids: string[] }>();
    for (const event of events) {
      const buckets = eventFeedBucketsOf(event, toSecond);
      const group = byBuckets.get(buckets.join('\n')) ?? { buckets, ids: [] };
      group.ids.push(event.id);
      byBuckets.set(buckets.join('\n'), group);
    }
    for (const { buckets, ids } of byBuckets.values()) await this.model.updateMany({ feedBuckets: fromSecond, _id: { $in: ids } }, { $set: { feedBuckets: buckets } });
  }

}

/** The seconds a batch of events falls in, per workspace (a bulk import is one workspace's, but need not be). */
function secondsByWorkspace(events: readonly EnrollmentEvent[]): Map<string, Set<string>> {
  const seconds = new Map<string, Set<string>>();
  for (const event of events) {
    let ofWorkspace = seconds.get(event.workspaceId);
    if (ofWorkspace === undefined) seconds.set(event.workspaceId, (ofWorkspace = new Set<string>()));
    ofWorkspace.add(eventListSecondOf(event));
  }
  return seconds;
}
