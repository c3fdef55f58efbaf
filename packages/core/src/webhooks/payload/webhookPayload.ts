import type { WebhookEnvelope } from '@flexroll/sdk';
import type { EnrollmentEvent } from '../../enrollments/index.js';

/** The one envelope every webhook body has: the SDK's {@link WebhookEnvelope}, which consumers type their handlers with. */
export type WebhookPayload = WebhookEnvelope;

/** The body for an enrollment event. */
export function payloadOfEvent(event: EnrollmentEvent): WebhookPayload {
  return { id: event.id, type: event.type, timestamp: event.occurredAt, enrollmentId: event.enrollmentId, seq: event.seq, data: event.data };
}

/** The body for a workspace-level event (no enrollment, no `seq`). */
export function workspacePayload(id: string, type: string, timestamp: string, data: unknown): WebhookPayload {
  return { id, type, timestamp, enrollmentId: null, seq: null, data };
}
