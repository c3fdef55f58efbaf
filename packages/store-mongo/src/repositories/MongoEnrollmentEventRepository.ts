import {
  type EnrollmentEvent, type EnrollmentEventRepository, type EventFeedRepository, type EventFilter, type EventKey, eventFeedBucketsOf, eventListLeafOf, eventListSecondOf, eventWalkStart,
  type InsertResult, type ListWindow, walkEvents, type WindowRequest,
} from '@flexroll/core';
import type { Model } from 'mongoose';
import { eventListScope, fromEventDocument, instanceEventListScope, toEventDocument } from '../documents/eventDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import { insertManyUnique } from '../documents/insertManyUnique.js';
import { insertOrdered } from '../documents/insertOrdered.js';
import { ListBucketIndex } from '../documents/ListBucketIndex.js';
import type { StoredDocument } from '../documents/StoredDocument.js';

/**
 * A bulk write of this many events or more is dense: a chunk of an import (up to 500 rows, each one to a few events)
 * recorded at one instant. Its events are listed in finer buckets, so that a page in its second reads about what it
 * returns (issue 18). Fewer events share their second's bucket, which costs a walk one lookup less per second.
 */
const DENSE_WRITE = 64;
/** How many new events of one enrollment a reader asks for one by one before it reads the rest by range. */
const POINT_LOOKUPS = 8;
/** How many finer buckets of a dense second a walk asks for ahead of the one it takes. */
const LEAVES_AHEAD = 3;

/**
 * The append-only log. The unique `(enrollmentId, seq)` index decides which of two racing writers wins. Each event is
 * stored with the store's own bucket keys beside it (`documents/eventDocument.ts`): `feedBuckets`, its hour, minute
 * and second in the event feed (ADR 0018), and `listBucket`, the workspace list's, whose second (or finer bucket, for a
 * dense bulk write) is put in the list's index before the event is stored (ADR 0021).
 */
export class MongoEnrollmentEventRepository implements EnrollmentEventRepository, EventFeedRepository {
  readonly #buckets: ListBucketIndex;

  constructor(private readonly model: Model<StoredDocument>, buckets: Model<StoredDocument>) {
    this.#buckets = new ListBucketIndex(buckets);
  }

  async insert(event: EnrollmentEvent, feedSecond?: string): Promise<InsertResult> {
    await this.#buckets.ensure(eventListScope(event.workspaceId), [eventListSecondOf(event)]);
    if (event.programInstanceId !== undefined) await this.#buckets.ensure(instanceEventListScope(event.workspaceId, event.programInstanceId), [eventListSecondOf(event)]);
    return insertUnique(this.model, toEventDocument(event, feedSecond));
  }

  /** One change's events in one ordered bulk write: the driver stops at the first failure, a duplicate included. */
  async insertInOrder(events: readonly EnrollmentEvent[], feedSecond?: string): Promise<number> {
    for (const [scope, leaves] of leavesByScope(events)) await this.#buckets.ensure(scope, leaves.keys());
    return insertOrdered(this.model, events.map((event) => toEventDocument(event, feedSecond)));
  }

  /**
   * Many events in one unordered bulk write (a bulk import); each duplicate is reported as `insert` would. A write of
   * {@link DENSE_WRITE} events or more makes its second dense: its events are listed in finer buckets (issue 18).
   */
  async insertMany(events: readonly EnrollmentEvent[], feedSecond?: string): Promise<InsertResult[]> {
    const inLeaves = events.length >= DENSE_WRITE;
    for (const [scope, leaves] of leavesByScope(events)) {
      if (inLeaves) await this.#buckets.ensureLeaves(scope, leaves);
      else await this.#buckets.ensure(scope, leaves.keys());
    }
    return insertManyUnique(this.model, events.map((event) => toEventDocument(event, feedSecond, inLeaves)));
  }

  async exists(workspaceId: string, enrollmentId: string, seq: number): Promise<boolean> {
    return (await this.model.findOne({ enrollmentId, seq, workspaceId }, { _id: 1 }).lean()) !== null;
  }

  /**
   * Asks for the next events by equality, one `seq` after another (point lookups in the `(enrollmentId, seq)`
   * index), until one is missing — the usual answer is one or two new events, or none. Only past
   * {@link POINT_LOOKUPS} of them does it read the rest by range: FerretDB v1 pushes down equality but not ranges, so
   * a range reads the enrollment's whole log there, which a reader that is far behind pays once, not every call.
   */
  async listForEnrollment(workspaceId: string, enrollmentId: string, afterSeq: number): Promise<readonly EnrollmentEvent[]> {
    const next: Array<Parameters<typeof fromEventDocument>[0]> = [];
    for (let seq = afterSeq + 1; next.length < POINT_LOOKUPS; seq++) {
      const event = await this.model.findOne({ enrollmentId, seq, workspaceId }).lean();
      if (event === null) return next.map(fromEventDocument);
      next.push(event);
    }
    const rest = await this.model.find({ workspaceId, enrollmentId, seq: { $gt: afterSeq + POINT_LOOKUPS } }).sort({ seq: 1 }).lean();
    return [...next, ...rest].map(fromEventDocument);
  }

  async list(workspaceId: string, filter: EventFilter, request: WindowRequest<EventKey>): Promise<ListWindow<EnrollmentEvent, EventKey>> {
    return walkEvents(filter, request, this.#listBuckets(workspaceId, filter, request.after));
  }

  /**
   * One enrollment's log as one bucket (one equality on the enrollment), or the workspace's (or one program instance's)
   * seconds from the walk's start, each one equality on `listBucket` (`instanceListBucket`), found in that list's
   * index as the walk goes (ADR 0021).
   */
  async *#listBuckets(workspaceId: string, filter: EventFilter, after: EventKey | undefined): AsyncGenerator<readonly EnrollmentEvent[]> {
    if (filter.enrollmentId !== undefined) {
      yield (await this.model.find({ workspaceId, enrollmentId: filter.enrollmentId }).lean()).map(fromEventDocument);
      return;
    }
    const instance = filter.programInstanceId;
    const list: EventList = instance === undefined
      ? { scope: eventListScope(workspaceId), field: 'listBucket' }
      : { scope: instanceEventListScope(workspaceId, instance), field: 'instanceListBucket' };
    for await (const second of this.#buckets.marked(list.scope, eventWalkStart(filter, after))) {
      const own = await this.#bucket(list, second.name);
      if (second.split) yield* this.#splitSecond(list, second.name, own, after);
      else yield own;
    }
  }

  async #bucket(list: EventList, name: string): Promise<EnrollmentEvent[]> {
    return (await this.model.find({ [list.field]: ListBucketIndex.keyOf(list.scope, name) }).lean()).map(fromEventDocument);
  }

  /**
   * A dense second as its finer buckets, in order, each read when the walk reaches it; the events listed in the
   * second itself (single writes beside a bulk one, or stored before finer buckets existed) are placed among them by
   * the same name. Buckets wholly at or before the cursor are not read.
   */
  async *#splitSecond(list: EventList, second: string, own: readonly EnrollmentEvent[], after: EventKey | undefined): AsyncGenerator<readonly EnrollmentEvent[]> {
    const ownByLeaf = new Map<string, EnrollmentEvent[]>();
    for (const event of own) {
      const leaf = eventListLeafOf(event);
      const group = ownByLeaf.get(leaf);
      if (group === undefined) ownByLeaf.set(leaf, [event]);
      else group.push(event);
    }
    const stored = new Set(await this.#buckets.leaves(list.scope, second));
    const from = after === undefined ? '' : eventListLeafOf({ recordedAt: after[0], occurredAt: after[0], enrollmentId: after[1] });
    const leaves = [...new Set([...stored, ...ownByLeaf.keys()])].sort().filter((leaf) => leaf >= from);
    // The next few leaves are asked for while the walk takes this one: a page that spans leaves waits for one round
    // trip per LEAVES_AHEAD leaves, not one per leaf; a walk that stops has read at most that many leaves too many.
    const reads = new Map<string, Promise<EnrollmentEvent[]>>();
    const read = (index: number) => {
      const leaf = leaves[index];
      if (leaf === undefined || !stored.has(leaf) || reads.has(leaf)) return;
      const reading = this.#bucket(list, leaf);
      reading.catch(() => undefined); // one the walk never takes may fail unheard; one it takes fails the walk
      reads.set(leaf, reading);
    };
    for (const [index, leaf] of leaves.entries()) {
      for (let ahead = index; ahead <= index + LEAVES_AHEAD; ahead++) read(ahead);
      const events = [...(ownByLeaf.get(leaf) ?? []), ...((await reads.get(leaf)) ?? [])];
      reads.delete(leaf);
      if (events.length > 0) yield events;
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

/** Which walked list a read goes through: the workspace's, or one program instance's (issue 24), and the field its events carry its bucket in. */
interface EventList {
  readonly scope: string;
  readonly field: 'listBucket' | 'instanceListBucket';
}

/**
 * The seconds a batch of events falls in, each with its finer buckets, per list it is listed in: its workspace's (a
 * bulk import is one workspace's, but need not be) and its program instance's.
 */
function leavesByScope(events: readonly EnrollmentEvent[]): Map<string, Map<string, Set<string>>> {
  const byScope = new Map<string, Map<string, Set<string>>>();
  for (const event of events) {
    const scopes = [eventListScope(event.workspaceId), ...(event.programInstanceId === undefined ? [] : [instanceEventListScope(event.workspaceId, event.programInstanceId)])];
    for (const scope of scopes) {
      let seconds = byScope.get(scope);
      if (seconds === undefined) byScope.set(scope, (seconds = new Map<string, Set<string>>()));
      const second = eventListSecondOf(event);
      let leaves = seconds.get(second);
      if (leaves === undefined) seconds.set(second, (leaves = new Set<string>()));
      leaves.add(eventListLeafOf(event));
    }
  }
  return byScope;
}
