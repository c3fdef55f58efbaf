import type { EnrollmentEvent, EventType } from '../EnrollmentEvent.js';
import type { InsertResult, ListWindow, WindowRequest } from '../../platform/index.js';
import type { EventKey } from '../eventListing.js';
import type { WorkspaceEventType } from '../WorkspaceEvent.js';

export interface EventFilter {
  /** Enrollment event types, and the workspace-level ones the workspace's list holds beside them. */
  readonly types?: readonly (EventType | WorkspaceEventType)[];
  readonly enrollmentId?: string;
  /**
   * One program instance's events (issue 24): stores walk that instance's own list (events carrying it as
   * `programInstanceId`), so a page costs what it returns, never the workspace's size. Not with `enrollmentId`.
   */
  readonly programInstanceId?: string;
  /** ISO-8601 bounds on `occurredAt`, inclusive. */
  readonly occurredFrom?: string;
  readonly occurredTo?: string;
}

/** The append-only log. `(enrollmentId, seq)` and `id` are unique; a duplicate is reported, not thrown. */
export interface EnrollmentEventRepository {
  /**
   * `feedSecond`: the event feed's second to file it in (`YYYY-MM-DDTHH:MM:SS`, see EventFeedRepository), stamped by
   * the appender just before the insert; without it, the second the event was recorded in.
   */
  insert(event: EnrollmentEvent, feedSecond?: string): Promise<InsertResult>;
  /**
   * Appends one change's events in one round trip, in order, stopping at the first duplicate: the head first, whose
   * unique `(enrollmentId, seq)` insert is the guard, so a head that lost its race writes nothing of its batch. Answers
   * how many were inserted before the first duplicate (all of them when there was none).
   */
  insertInOrder(events: readonly EnrollmentEvent[], feedSecond?: string): Promise<number>;
  /** Inserts many events at once (a bulk import), each as {@link insert} would: the outcome of each, in order. */
  insertMany(events: readonly EnrollmentEvent[], feedSecond?: string): Promise<InsertResult[]>;
  /**
   * Whether the enrollment has an event with this `seq`: one lookup in the `(enrollmentId, seq)` index. Since `seq`
   * has no gaps, asking for the next one tells whether a copy of the enrollment is current.
   */
  exists(workspaceId: string, enrollmentId: string, seq: number): Promise<boolean>;
  /** One enrollment's events with `seq > afterSeq`, in `seq` order. */
  listForEnrollment(workspaceId: string, enrollmentId: string, afterSeq: number): Promise<readonly EnrollmentEvent[]>;
  /**
   * A window of a workspace's events in recording order ({@link EventKey}), or of one enrollment's in `seq` order
   * (`filter.enrollmentId`): stores hand their buckets to `walkEvents`, so a window costs what it returns and the
   * one bucket it stops in (ADR 0021), never the workspace's size.
   */
  list(workspaceId: string, filter: EventFilter, request: WindowRequest<EventKey>): Promise<ListWindow<EnrollmentEvent, EventKey>>;
}
