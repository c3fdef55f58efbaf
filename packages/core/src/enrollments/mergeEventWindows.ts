import { type ListWindow, mergeWindows } from '../platform/index.js';
import type { EnrollmentEvent } from './EnrollmentEvent.js';
import { eventKeyOf, type EventKey } from './eventListing.js';
import { isWorkspaceEventType, workspaceEventKeyOf, type WorkspaceEvent } from './WorkspaceEvent.js';

/** An entry of the workspace's event list: an enrollment's event, or one of the workspace's own. */
export type ListedEvent = EnrollmentEvent | WorkspaceEvent;

/** Whether a listed event is an enrollment's (it has an `enrollmentId` and a `seq`), not the workspace's own. */
export function isEnrollmentEvent(event: ListedEvent): event is EnrollmentEvent {
  return !isWorkspaceEventType(event.type);
}

export function listedEventKeyOf(event: ListedEvent): EventKey {
  return isEnrollmentEvent(event) ? eventKeyOf(event) : workspaceEventKeyOf(event);
}

/** One window of the workspace's event list out of its two parts' windows (see `mergeWindows`). */
export function mergeEventWindows(
  parts: readonly ListWindow<ListedEvent, EventKey>[],
  request: { readonly after?: EventKey; readonly skip: number; readonly take: number },
): ListWindow<ListedEvent, EventKey> {
  return mergeWindows(parts, request, listedEventKeyOf);
}
