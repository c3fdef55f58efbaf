import type { WebhookEnvelope } from '@flexroll/sdk';
import { publicEventData, type EnrollmentEvent } from '../../enrollments/index.js';

/** The one envelope every webhook body has: the SDK's {@link WebhookEnvelope}, which consumers type their handlers with. */
export type WebhookPayload = WebhookEnvelope;

/**
 * The body for an enrollment event. Its `data` is the event's as `GET /events` shows it (`publicEventData`): the
 * record the log keeps for itself — the workspace, the participation — never leaves in a body. The message stores
 * this body, so the delivery log shows what was sent.
 */
export function payloadOfEvent(event: EnrollmentEvent): WebhookPayload {
  return { id: event.id, type: event.type, timestamp: event.occurredAt, enrollmentId: event.enrollmentId, seq: event.seq, data: publicEventData(event) };
}

/** The body for a workspace-level event (no enrollment, no `seq`). */
export function workspacePayload(id: string, type: string, timestamp: string, data: unknown): WebhookPayload {
  return { id, type, timestamp, enrollmentId: null, seq: null, data };
}
