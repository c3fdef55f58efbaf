import type { EnrollmentEvent } from '../../model/EnrollmentEvent.js';

/**
 * The one envelope every webhook body has. `id` is also the `webhook-id` header (deduplicate by it); `enrollmentId`
 * and `seq` are the enrollment's own numbering (gap-free, from 1), so a consumer can check order and see gaps;
 * both are `null` for workspace-level events. `data` is the event's payload, as `GET /events` lists it.
 */
export interface WebhookPayload {
  readonly id: string;
  readonly type: string;
  readonly timestamp: string;
  readonly enrollmentId: string | null;
  readonly seq: number | null;
  readonly data: unknown;
}

/** The body for an enrollment event. */
export function payloadOfEvent(event: EnrollmentEvent): WebhookPayload {
  return { id: event.id, type: event.type, timestamp: event.occurredAt, enrollmentId: event.enrollmentId, seq: event.seq, data: event.data };
}

/** The body for a workspace-level event (no enrollment, no `seq`). */
export function workspacePayload(id: string, type: string, timestamp: string, data: unknown): WebhookPayload {
  return { id, type, timestamp, enrollmentId: null, seq: null, data };
}
