import { EVENT_TYPES } from '../../enrollments/index.js';

/** The workspace-level event sent to a workspace's other endpoints when one is disabled (410, or five days failing). */
export const ENDPOINT_DISABLED_EVENT = 'webhook_endpoint.disabled';
/** The event "send a test event" sends; always delivered to the endpoint it was sent to, whatever its filter. */
export const TEST_EVENT = 'webhook.test';

/**
 * The event types an endpoint can subscribe to: every type the enrollment log holds (taken from it, so a new
 * type there is deliverable at once) and the workspace-level endpoint-disabled event.
 */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [...EVENT_TYPES, ENDPOINT_DISABLED_EVENT];

/** Every type a delivery can carry, the test event included: what the payload schemas and the AsyncAPI document cover. */
export const DELIVERED_EVENT_TYPES: readonly string[] = [...WEBHOOK_EVENT_TYPES, TEST_EVENT];

/**
 * `eventTypes: ["*"]` subscribes an endpoint to every type, those added after it was created included. It is kept
 * as written (not expanded to today's list), so a type added later reaches the endpoint without a change to it.
 */
export const EVERY_EVENT_TYPE = '*';

/** Whether an endpoint with these `eventTypes` takes an event of this type. */
export function subscribesTo(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.includes(type) || eventTypes.includes(EVERY_EVENT_TYPE);
}
