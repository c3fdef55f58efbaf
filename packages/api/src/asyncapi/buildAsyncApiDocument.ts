import { DELIVERED_EVENT_TYPES, webhookPayloadSchema } from '@flexroll/core';

const HEADERS = {
  type: 'object',
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  properties: {
    'webhook-id': { type: 'string', description: 'The event id (also the payload’s `id`): the same on every retry and replay. Deduplicate by it.' },
    'webhook-timestamp': { type: 'string', pattern: '^[0-9]+$', description: 'When this attempt was sent, in Unix seconds. Refuse one more than 5 minutes away from your clock.' },
    'webhook-signature': {
      type: 'string',
      description: 'Space-separated `v1,<base64 HMAC-SHA256>` signatures over `${webhook-id}.${webhook-timestamp}.${body}`, keyed with the endpoint secret’s bytes (after `whsec_`). Two during a rotation’s overlap; accept if any matches.',
    },
  },
};

/** The operation and message names of an event type (`enrollment.status_changed` → `enrollmentStatusChanged`). */
const camel = (type: string) => type.replace(/[._](\w)/g, (_, letter: string) => letter.toUpperCase());

/**
 * The AsyncAPI 3.0 document of Flexroll's webhooks, built from the same JSON Schemas the payloads are checked
 * against (core's `webhookPayloadSchema`): one message per event type, each sent on the consumer's endpoint with the
 * Standard Webhooks headers. Served at `/asyncapi.json` beside `/openapi.json`.
 */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  const channelMessages: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const type of DELIVERED_EVENT_TYPES) {
    const name = camel(type);
    const payload = webhookPayloadSchema(type);
    messages[name] = {
      name: type,
      title: type,
      summary: String(payload.title),
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/WebhookHeaders' },
      payload: { schemaFormat: 'application/schema+json;version=draft-2020-12', schema: payload },
    };
    channelMessages[name] = { $ref: `#/components/messages/${name}` };
    operations[`send${name.charAt(0).toUpperCase()}${name.slice(1)}`] = {
      action: 'send',
      channel: { $ref: '#/channels/webhookEndpoint' },
      summary: `Flexroll POSTs a ${type} event to your endpoint`,
      messages: [{ $ref: `#/channels/webhookEndpoint/messages/${name}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Flexroll webhooks',
      version: '1.0.0',
      description:
        'Events Flexroll POSTs to your webhook endpoints, signed as Standard Webhooks specifies, delivered at least once, in `seq` order per enrollment and endpoint. ' +
        'Answer 2xx within 15 s; anything else is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (±20%); 410 disables the endpoint. See docs/webhooks.md.',
    },
    defaultContentType: 'application/json',
    channels: {
      webhookEndpoint: {
        address: null,
        title: 'Your webhook endpoint',
        description: 'The URL you registered with POST /webhook-endpoints; every event type goes to it as an HTTP POST.',
        messages: channelMessages,
      },
    },
    operations,
    components: { schemas: { WebhookHeaders: HEADERS }, messages },
  };
}
