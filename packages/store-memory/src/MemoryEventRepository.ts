import {
  eventFeedBucketsOf, eventListLeafOf, type EnrollmentEvent, type EnrollmentEventRepository, type EventFeedRepository, type EventFilter, type EventKey, eventWalkStart,
  type InsertResult, type ListWindow, recordedSecondOf, walkEvents, type WindowRequest,
} from '@flexroll/core';
import { CompactCopies } from './compactCopy.js';
import { tick } from './MemoryTable.js';
import { SecondBuckets } from './SecondBuckets.js';

/**
 * The event log in memory: each enrollment's events in an array ordered by `seq`, so a lookup by `seq`, the events
 * after one, or an append cost the same at 10 events as at 10,000. `(enrollmentId, seq)` and `id` are unique,
 * checked and taken in one synchronous step (no await between), which is what makes the insert atomic here.
 * Once every event of a batch is in, its head's copy of the followers is dropped: it exists only to finish a
 * batch a crash cut short.
 */
export class MemoryEventRepository implements EnrollmentEventRepository, EventFeedRepository {
  /** workspace → enrollment → its events by `seq` (index `seq - 1` while the log has no gaps). */
  readonly #logs = new Map<string, Map<string, EnrollmentEvent[]>>();
  readonly #ids = new Set<string>();
  readonly #copies = new CompactCopies();
  /** The feed: events by the hour, the minute and the second they were filed in (ADR 0018). */
  readonly #byBucket = new Map<string, EnrollmentEvent[]>();
  /**
   * The lists (ADR 0021): each workspace's events by the second they were recorded in, the seconds in order; and each
   * program instance's (keyed `<workspaceId>/<programInstanceId>`; issue 24).
   */
  readonly #listed = new Map<string, SecondBuckets<EnrollmentEvent>>();

  async insert(event: EnrollmentEvent, feedSecond?: string): Promise<InsertResult> {
    await tick();
    return this.#insertNow(event, feedSecond);
  }

  /**
   * Many events in one write (a bulk import's chunk), as a database's `insertMany` is one round trip: each is checked
   * and taken in one synchronous step, exactly as {@link insert} does it, so a duplicate is still reported per event.
   */
  async insertMany(events: readonly EnrollmentEvent[], feedSecond?: string): Promise<InsertResult[]> {
    await tick();
    return events.map((event) => this.#insertNow(event, feedSecond));
  }

  /** One change's events in one write, as a database's ordered `insertMany` is: each as {@link insert}, up to the first duplicate. */
  async insertInOrder(events: readonly EnrollmentEvent[], feedSecond?: string): Promise<number> {
    await tick();
    for (const [index, event] of events.entries()) if (this.#insertNow(event, feedSecond) === 'duplicate') return index;
    return events.length;
  }

  #insertNow(event: EnrollmentEvent, feedSecond: string | undefined): InsertResult {
    const log = this.#logOf(event.workspaceId, event.enrollmentId, true);
    if (this.#ids.has(event.id) || find(log, event.seq) !== undefined) return 'duplicate';
    const position = log.length === 0 || log[log.length - 1]!.seq < event.seq ? log.length : insertionPoint(log, event.seq);
    const stored = this.#copies.copy(event);
    log.splice(position, 0, stored);
    this.#ids.add(event.id);
    this.#file(stored, feedSecond ?? recordedSecondOf(event));
    // By instant and enrollment, not by second: a bulk import's dense second is then many small buckets (issue 18).
    this.#listBucketsOf(event.workspaceId).add(eventListLeafOf(event), stored);
    if (event.programInstanceId !== undefined) this.#listBucketsOf(instanceListKey(event.workspaceId, event.programInstanceId)).add(eventListLeafOf(event), stored);
    if (event.batch.index > 0) this.#dropCompletedFollowers(log, event);
    return 'inserted';
  }

  async exists(workspaceId: string, enrollmentId: string, seq: number): Promise<boolean> {
    await tick();
    return find(this.#logOf(workspaceId, enrollmentId), seq) !== undefined;
  }

  async listForEnrollment(workspaceId: string, enrollmentId: string, afterSeq: number): Promise<readonly EnrollmentEvent[]> {
    await tick();
    const log = this.#logOf(workspaceId, enrollmentId);
    return log.slice(insertionPoint(log, afterSeq + 1));
  }

  async list(workspaceId: string, filter: EventFilter, request: WindowRequest<EventKey>): Promise<ListWindow<EnrollmentEvent, EventKey>> {
    await tick();
    return walkEvents(filter, request, this.#listBuckets(workspaceId, filter, request.after));
  }

  /** One enrollment's log after the cursor's `seq` as one bucket, or the workspace's (one instance's) buckets from the walk's start second. */
  async *#listBuckets(workspaceId: string, filter: EventFilter, after: EventKey | undefined): AsyncGenerator<readonly EnrollmentEvent[]> {
    if (filter.enrollmentId !== undefined) {
      const log = this.#logOf(workspaceId, filter.enrollmentId);
      yield log.slice(after === undefined ? 0 : insertionPoint(log, after[2] + 1));
      return;
    }
    // A bucket holds the event as first stored; the log holds its current copy (followers dropped once complete).
    const list = filter.programInstanceId === undefined ? workspaceId : instanceListKey(workspaceId, filter.programInstanceId);
    for (const bucket of this.#listed.get(list)?.from(eventWalkStart(filter, after)) ?? []) {
      yield bucket.map((event) => find(this.#logOf(workspaceId, event.enrollmentId), event.seq) ?? event);
    }
  }

  #listBucketsOf(list: string): SecondBuckets<EnrollmentEvent> {
    let buckets = this.#listed.get(list);
    if (buckets === undefined) this.#listed.set(list, (buckets = new SecondBuckets<EnrollmentEvent>()));
    return buckets;
  }

  async listRecordedIn(bucket: string): Promise<readonly EnrollmentEvent[]> {
    await tick();
    return [...(this.#byBucket.get(bucket) ?? [])];
  }

  async restamp(events: readonly EnrollmentEvent[], fromSecond: string, toSecond: string): Promise<void> {
    await tick();
    const moving = new Set(events.map((event) => event.id));
    const found = (this.#byBucket.get(fromSecond) ?? []).filter((event) => moving.has(event.id));
    for (const event of found) {
      for (const key of eventFeedBucketsOf(event, fromSecond)) {
        const kept = (this.#byBucket.get(key) ?? []).filter((filed) => filed.id !== event.id);
        if (kept.length === 0) this.#byBucket.delete(key);
        else this.#byBucket.set(key, kept);
      }
      this.#file(event, toSecond);
    }
  }

  /** Files an event in the feed's buckets of a second: the whole feed's and its channels' (ADR 0018). */
  #file(event: EnrollmentEvent, second: string): void {
    for (const key of eventFeedBucketsOf(event, second)) {
      const bucket = this.#byBucket.get(key);
      if (bucket === undefined) this.#byBucket.set(key, [event]);
      else bucket.push(event);
    }
  }

  #logOf(workspaceId: string, enrollmentId: string, create = false): EnrollmentEvent[] {
    let logs = this.#logs.get(workspaceId);
    if (logs === undefined) {
      if (!create) return [];
      this.#logs.set(workspaceId, (logs = new Map<string, EnrollmentEvent[]>()));
    }
    let log = logs.get(enrollmentId);
    if (log === undefined) {
      if (!create) return [];
      logs.set(enrollmentId, (log = []));
    }
    return log;
  }

  /** Replaces the batch's head with a copy without `followers` once all of them are stored. */
  #dropCompletedFollowers(log: EnrollmentEvent[], follower: EnrollmentEvent): void {
    const headSeq = follower.seq - follower.batch.index;
    const headAt = insertionPoint(log, headSeq);
    const head = log[headAt];
    if (head?.seq !== headSeq || head.followers === undefined) return;
    if (!head.followers.every((expected) => find(log, expected.seq)?.id === expected.id)) return;
    const { followers: _carried, ...rest } = head;
    log[headAt] = Object.freeze(rest);
  }
}

/** The key of a program instance's list among the workspaces' (ids hold no `/`). */
function instanceListKey(workspaceId: string, programInstanceId: string): string {
  return `${workspaceId}/${programInstanceId}`;
}

/** The first position whose `seq` is at least `seq` (binary search over a log ordered by `seq`). */
function insertionPoint(log: readonly EnrollmentEvent[], seq: number): number {
  let low = 0;
  let high = log.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (log[middle]!.seq < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}

function find(log: readonly EnrollmentEvent[], seq: number): EnrollmentEvent | undefined {
  const event = log[insertionPoint(log, seq)];
  return event?.seq === seq ? event : undefined;
}
