import type { Actor } from './EnrollmentEvent.js';
import type { EventKey } from './eventListing.js';

/**
 * The types of the events about the workspace itself, which belong to no enrollment: an endpoint disabled (410, or
 * five days failing) and a test event sent on request. The webhooks capability records them.
 */
export const WORKSPACE_EVENT_TYPES = ['webhook_endpoint.disabled', 'webhook.test'] as const;
export type WorkspaceEventType = (typeof WORKSPACE_EVENT_TYPES)[number];

/**
 * A workspace-level event: listed by `GET /events` beside the enrollments' events, in recording order, with
 * `enrollmentId` and `seq` null. It is in no enrollment's log, so nothing folds or fans it out; its id is the one its
 * webhook messages carry (`webhook-id`), and recording it twice (two workers disabling one endpoint) is a duplicate.
 */
export interface WorkspaceEvent {
  readonly id: string;
  readonly workspaceId: string;
  readonly type: WorkspaceEventType;
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly source: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export function isWorkspaceEventType(type: string): type is WorkspaceEventType {
  return (WORKSPACE_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * Where a workspace event stands in the workspace's list: the same key space as an enrollment event's
 * (`[recordedAt, enrollmentId, seq]`), with its own id in the enrollment's place — an event id (`evt_…`) is never an
 * enrollment id, so the keys of the two kinds never collide and one cursor walks both.
 */
export function workspaceEventKeyOf(event: WorkspaceEvent): EventKey {
  return [event.occurredAt, event.id, 0];
}
