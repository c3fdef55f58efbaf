/** The webhooks capability's façade: what other capabilities, and other packages through @flexroll/core, may use. */

export type { Cursor } from './dispatch/Cursor.js';
export type { AttemptOutcome, DeliveryAttempt } from './dispatch/DeliveryAttempt.js';
export { payloadOfEvent, type WebhookPayload } from './payload/webhookPayload.js';
export type { CursorRepository } from './ports/CursorRepository.js';
export type { DeliveryAttemptRepository } from './ports/DeliveryAttemptRepository.js';
export type { WebhookEndpointRepository } from './ports/WebhookEndpointRepository.js';
export type { WebhookMessageFilter, WebhookMessageRepository } from './ports/WebhookMessageRepository.js';
export { isMessageKey, messageKeyOf, type MessageKey, messageListSecondOf, messageMatches, messageWalkStart, walkMessages } from './messageListing.js';
export { attemptsInCurrentSeries, currentSeriesOf, type SeriesAttempt } from './attemptSeries.js';
export { signWebhook, type WebhookSignatureHeaders } from './signing/signWebhook.js';
export { RESPONSE_BODY_LIMIT, type WebhookRequest, type WebhookResult, type WebhookTransport } from './transport/WebhookTransport.js';
export { NodeWebhookTransport } from './transport/NodeWebhookTransport.js';
export type { EndpointDisabledReason, WebhookEndpoint } from './WebhookEndpoint.js';
export { WebhookLogService } from './WebhookLogService.js';
export { WEBHOOK_MESSAGE_STATES, type WebhookMessage, type WebhookMessageState } from './WebhookMessage.js';
export { DELIVERED_EVENT_TYPES, ENDPOINT_DISABLED_EVENT, EVERY_EVENT_TYPE, subscribesTo, TEST_EVENT, WEBHOOK_EVENT_TYPES } from './payload/webhookEventTypes.js';
export { EndpointHealth } from './dispatch/EndpointHealth.js';
export { WebhookDelivery } from './dispatch/WebhookDelivery.js';
export { WebhookFanOut } from './dispatch/WebhookFanOut.js';
export { WebhookDispatcher } from './dispatch/WebhookDispatcher.js';
export { WEBHOOK_DATA_SCHEMAS, webhookPayloadSchema } from './payload/webhookPayloadSchemas.js';
export { type IssuedWebhookEndpoint, type WebhookEndpointChanges, type WebhookEndpointInput, WebhookEndpointService } from './WebhookEndpointService.js';
export { webhooksModule, type WebhooksOptions } from './webhooksModule.js';
