import { collectWindow, compareSortKeys, isKeyOf, type ListWindow, type WindowOrder, type WindowRequest } from '../platform/index.js';
import type { EnrollmentEvent } from './EnrollmentEvent.js';
import type { EventFilter } from './ports/EnrollmentEventRepository.js';

/**
 * Where an event stands in the workspace's list (ADR 0021): when it was recorded (`recordedAt`, else `occurredAt`),
 * then its enrollment and `seq`. Recorded, not occurred: a provider may date an event in the past (ADR 0009), and a
 * list in recording order only ever grows at its end, so a cursor never passes an event that is recorded later.
 * For events recorded when they occurred this is the order by `occurredAt` the list always had.
 */
export type EventKey = readonly [recordedAt: string, enrollmentId: string, seq: number];

export function eventKeyOf(event: EnrollmentEvent): EventKey {
  return [event.recordedAt ?? event.occurredAt, event.enrollmentId, event.seq];
}

export const isEventKey = isKeyOf<EventKey>('string', 'string', 'number');

/** The bucket of the workspace list an event falls in: the second it was recorded in, `YYYY-MM-DDTHH:MM:SS`. */
export function eventListSecondOf(event: Pick<EnrollmentEvent, 'occurredAt' | 'recordedAt'>): string {
  return (event.recordedAt ?? event.occurredAt).slice(0, 19);
}

/**
 * A finer bucket than the second, for a dense second (issue 18): the instant an event was recorded and the first two
 * characters of its enrollment's id, `YYYY-MM-DDTHH:MM:SS.mmmZ|cx`. A bulk import records a chunk's hundreds of events
 * at one instant, so the instant alone would not split it; an import's ids are `c` and a digest (`cuidFor`), so their
 * second character cuts a chunk into about 36. Names compare as the events' keys do: a recording time is never a
 * prefix of another (each ends in `Z`) and the id's first characters order ids as the ids do, so one leaf's events
 * all come before the next leaf's, and every leaf of a second sorts after the second's own name.
 */
export function eventListLeafOf(event: Pick<EnrollmentEvent, 'occurredAt' | 'recordedAt' | 'enrollmentId'>): string {
  return `${event.recordedAt ?? event.occurredAt}|${event.enrollmentId.slice(0, 2)}`;
}

/**
 * The first bucket a walk of the workspace's list needs: the cursor's, or `occurredFrom`'s (an event is recorded at
 * or after it occurred, so nothing recorded before `occurredFrom` can match), whichever is later.
 */
export function eventWalkStart(filter: EventFilter, after: EventKey | undefined): string | undefined {
  const starts = [after?.[0], filter.occurredFrom].filter((start) => start !== undefined).map((start) => start.slice(0, 19));
  return starts.length === 0 ? undefined : starts.reduce((later, start) => (start > later ? start : later));
}

/**
 * Cuts a window out of the workspace's events given as buckets, each the events recorded in one second, in order
 * (from {@link eventWalkStart}); or, with `filter.enrollmentId`, out of that enrollment's log given as one bucket,
 * in `seq` order (which is its recording order). The stores produce the buckets; the order and the filter are here.
 */
export function walkEvents(filter: EventFilter, request: WindowRequest<EventKey>, buckets: AsyncIterable<readonly EnrollmentEvent[]>): Promise<ListWindow<EnrollmentEvent, EventKey>> {
  const order: WindowOrder<EnrollmentEvent, EventKey> = {
    keyOf: eventKeyOf,
    compare: filter.enrollmentId === undefined ? compareSortKeys : (left, right) => left[2] - right[2],
    matches: (event) => matchesEventFilter(event, filter),
  };
  return collectWindow(buckets, order, request);
}

function matchesEventFilter(event: EnrollmentEvent, filter: EventFilter): boolean {
  return (
    (filter.enrollmentId === undefined || event.enrollmentId === filter.enrollmentId) &&
    (filter.programInstanceId === undefined || event.programInstanceId === filter.programInstanceId) &&
    (filter.types === undefined || filter.types.includes(event.type)) &&
    (filter.occurredFrom === undefined || event.occurredAt >= filter.occurredFrom) &&
    (filter.occurredTo === undefined || event.occurredAt <= filter.occurredTo)
  );
}
