import { newEventId, newPrefixedId, prefixedIdFor, type IfMatch, type Operation } from '../platform/index.js';
import type { Actor, EnrollmentEvent, EventDraft } from './EnrollmentEvent.js';

/** Who is writing and from where; every change carries it into its events. */
export interface Author {
  readonly actor: Actor;
  readonly source: string;
  /** The idempotent request writing, if any: its batch id is derived from it, so a retry can tell it was written. */
  readonly operation?: Operation;
  /** The request's `If-Match`: the change applies only to the version it names, checked under the append's guard. */
  readonly ifMatch?: IfMatch;
  /** The program instances the request may reach (its CallContext's); an enrollment of another is as if missing. */
  readonly programInstanceIds?: readonly string[];
}

/** The batch id a request's change to an enrollment carries: random, or derived from the request's operation. */
export function batchIdFor(operation: Operation | undefined, enrollmentId: string): string {
  return operation === undefined ? newPrefixedId('bat') : prefixedIdFor(operation, 'bat', `batch:${enrollmentId}`);
}

/**
 * Drafts as events in the log: numbered from `lastSeq + 1`, sharing one batch, the head carrying its followers (so a
 * reader can finish a batch a crash cut short). Ids are ordered by when the batch is recorded; each event happened
 * then too unless its draft is dated (and a dated event says when it was recorded). Each carries the enrollment's
 * program instance (`programInstanceId`, or the one its `enrollment.created` draft names), for the per-instance lists.
 */
export function placeEvents(
  workspaceId: string, enrollmentId: string, lastSeq: number, author: Author, drafts: readonly EventDraft[], recordedAt: string, programInstanceId?: string,
): EnrollmentEvent[] {
  const created = drafts.find((draft) => draft.type === 'enrollment.created');
  const instance = programInstanceId ?? (created?.type === 'enrollment.created' ? created.data.enrollment.programInstanceId : undefined);
  const batchId = batchIdFor(author.operation, enrollmentId);
  const at = new Date(recordedAt);
  const events = drafts.map(
    (draft, index) =>
      ({
        id: newEventId(at),
        workspaceId,
        enrollmentId,
        ...(instance === undefined ? {} : { programInstanceId: instance }),
        seq: lastSeq + index + 1,
        type: draft.type,
        occurredAt: draft.occurredAt ?? recordedAt,
        ...(draft.occurredAt === undefined || draft.occurredAt === recordedAt ? {} : { recordedAt }),
        actor: author.actor,
        source: author.source,
        data: draft.data,
        batch: { id: batchId, index, size: drafts.length },
      }) as EnrollmentEvent,
  );
  const [head, ...followers] = events;
  return head === undefined ? [] : [followers.length === 0 ? head : { ...head, followers }, ...followers];
}
