import { collectWindow, compareSortKeys, type ListWindow, type WindowRequest } from '../platform/index.js';
import type { EventKey } from './eventListing.js';
import type { EventFilter } from './ports/EnrollmentEventRepository.js';
import { workspaceEventKeyOf, type WorkspaceEvent } from './WorkspaceEvent.js';

/** The bucket of the workspace-level list an event falls in: the second it occurred in, `YYYY-MM-DDTHH:MM:SS`. */
export function workspaceEventSecondOf(event: Pick<WorkspaceEvent, 'occurredAt'>): string {
  return event.occurredAt.slice(0, 19);
}

/** Cuts a window out of a workspace's workspace-level events given as buckets, each the events of one second, in order. */
export function walkWorkspaceEvents(filter: EventFilter, request: WindowRequest<EventKey>, buckets: AsyncIterable<readonly WorkspaceEvent[]>): Promise<ListWindow<WorkspaceEvent, EventKey>> {
  return collectWindow(buckets, {
    keyOf: workspaceEventKeyOf,
    compare: compareSortKeys,
    matches: (event) =>
      filter.enrollmentId === undefined &&
      (filter.types === undefined || filter.types.includes(event.type)) &&
      (filter.occurredFrom === undefined || event.occurredAt >= filter.occurredFrom) &&
      (filter.occurredTo === undefined || event.occurredAt <= filter.occurredTo),
  }, request);
}
