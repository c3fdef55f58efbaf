import { assertFreshTimestamp, hmacSha256, InputError, readAs, safeEqual, Type, WebhookVerificationError, type InboundWebhookRequest, type InboundWebhookResult } from '@flexroll/sdk';
import { ENROLLMENT_REFERENCE } from './manifest.js';

/**
 * Standard webhooks: `webhook-id`, `webhook-timestamp` (unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256
 * of "<id>.<timestamp>.<raw body>">` keyed with the secret's base64 after `whsec_`; several space-separated signatures
 * while the operator rotates its secret. The message id is the event's id, so a redelivery is recognised.
 */
export function receive(request: InboundWebhookRequest, secret: string): InboundWebhookResult {
  const id = request.headers['webhook-id'];
  if (id === undefined || id === '') throw new WebhookVerificationError('The webhook has no webhook-id header.');
  const timestamp = assertFreshTimestamp(request.headers['webhook-timestamp'], request.receivedAt, 300);
  const expected = signStandardWebhook(secret, id, timestamp, request.body);
  const given = (request.headers['webhook-signature'] ?? '').split(' ');
  if (!given.some((signature) => safeEqual(expected, signature))) throw new WebhookVerificationError('The webhook-signature does not match the body.');
  const message = readAs(Message, parsed(request.body), 'the home-battery webhook body');
  return {
    events: [{
      id,
      type: message.type,
      payload: { enrollmentId: message.data.enrollmentId, status: message.data.status },
      occurredAt: message.timestamp,
      sequence: message.data.sequence,
      stream: 'battery',
      reference: { kind: ENROLLMENT_REFERENCE, value: message.data.enrollmentId },
    }],
  };
}

/** `v1,<base64>`: the signature the operator sends, and a test signs with. */
export function signStandardWebhook(secret: string, id: string, timestamp: number, body: Uint8Array | string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${hmacSha256(key, Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(body)]), 'base64')}`;
}

/** A body that is not JSON is the sender's mistake (422), not the adapter's failure. */
function parsed(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new InputError('The home-battery webhook body is not JSON.', [{ field: '/', rule: 'json', message: 'is not valid JSON' }]);
  }
}

/** The body as this adapter reads it; one that breaks it is refused with 422, the field named. */
const Message = Type.Object({
  type: Type.String({ minLength: 1 }),
  timestamp: Type.String({ minLength: 1 }),
  data: Type.Object({ enrollmentId: Type.String({ minLength: 1 }), status: Type.String(), sequence: Type.Integer({ minimum: 0 }) }),
});
