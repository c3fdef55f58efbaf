import { compareSortKeys, type ListWindow } from '../platform/index.js';
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

/**
 * One window of the workspace's list out of the windows of its two parts, each read from the same position for the
 * first `skip + take` matches (`reach`). A part that did not end is known only up to its resume position, so the
 * merge keeps what lies at or before the nearer of those bounds: within it, both parts are complete and in order.
 */
export function mergeEventWindows(
  parts: readonly ListWindow<ListedEvent, EventKey>[],
  request: { readonly after?: EventKey; readonly skip: number; readonly take: number },
): ListWindow<ListedEvent, EventKey> {
  const bounds = parts.filter((part) => !part.ended && part.resumeAfter !== undefined).map((part) => part.resumeAfter!);
  const bound = bounds.sort(compareSortKeys)[0];
  const known = parts
    .flatMap((part) => part.items.map((item) => ({ item, key: listedEventKeyOf(item) })))
    .filter(({ key }) => bound === undefined || compareSortKeys(key, bound) <= 0)
    .sort((left, right) => compareSortKeys(left.key, right.key));
  const reach = request.skip + request.take;
  const window = known.slice(request.skip, reach);
  const last = window.at(-1)?.key;
  const items = window.map(({ item }) => item);
  if (bound === undefined && known.length <= reach) {
    const resumeAfter = last ?? request.after;
    return { items, ended: true, scanLimited: false, matched: known.length, ...(resumeAfter === undefined ? {} : { resumeAfter }) };
  }
  if (window.length === request.take) return { items, ended: false, scanLimited: false, matched: known.length, resumeAfter: last! };
  // Short of the window before a part's bound: only a part's scan limit stops it there; resume from that bound.
  return { items, ended: false, scanLimited: parts.some((part) => part.scanLimited), matched: known.length, ...(bound === undefined ? {} : { resumeAfter: bound }) };
}
