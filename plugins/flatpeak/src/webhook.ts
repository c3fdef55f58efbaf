import { assertFreshTimestamp, hmacSha256, InputError, matchesSchema, safeEqual, Type, WebhookVerificationError, type InboundWebhookRequest, type InboundWebhookResult } from '@flexroll/sdk';

const TOLERANCE_SECONDS = 300;
const PARTICIPATION_ID = /^vpo_[0-9a-f]{24}$/;

/**
 * The one body this adapter maps: a participation update whose object has an id. Any other body is acknowledged with
 * no events; the object itself is checked against the manifest's event schema by the platform.
 */
const UPDATE = Type.Object({
  type: Type.Literal('vpp-participation.updated'),
  data: Type.Object({ id: Type.String(), reference_id: Type.Optional(Type.Unknown()), time_updated: Type.Optional(Type.Unknown()) }),
});

/**
 * Signs a webhook as the remote does (Standard Webhooks): `webhook-signature: v1,<base64 HMAC-SHA256 of
 * "<webhook-id>.<webhook-timestamp>.<raw body>">`, keyed with the base64 after `whsec_`.
 * @example signFlatpeakWebhook('whsec_…', 'msg_1', 1735722000, body) // 'v1,K5oZ…'
 */
export function signFlatpeakWebhook(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${hmacSha256(key, Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(body)]), 'base64')}`;
}

/** Verifies a remote webhook's signature (any of its space-separated `v1,` signatures), then reads its one event. */
export function receiveFlatpeakWebhook(request: InboundWebhookRequest, secret: string): InboundWebhookResult {
  const id = request.headers['webhook-id'];
  if (id === undefined || id === '') throw new WebhookVerificationError('The webhook has no webhook-id header.');
  const timestamp = assertFreshTimestamp(request.headers['webhook-timestamp'], request.receivedAt, TOLERANCE_SECONDS);
  const expected = signFlatpeakWebhook(secret, id, timestamp, request.body);
  const given = (request.headers['webhook-signature'] ?? '').split(' ');
  if (!given.some((signature) => safeEqual(expected, signature))) throw new WebhookVerificationError('The webhook-signature does not match the body.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(request.body));
  } catch {
    throw new InputError('The webhook body is not valid JSON.', [{ field: '/', rule: 'json', message: 'is not valid JSON' }]);
  }
  if (!matchesSchema(UPDATE, parsed)) return { events: [] };
  const data = parsed.data;
  const participationId = typeof data.reference_id === 'string' && PARTICIPATION_ID.test(data.reference_id) ? data.reference_id : undefined;
  return {
    events: [{
      type: 'participation.updated',
      payload: data,
      id,
      stream: 'participation',
      reference: { kind: 'participation', value: data.id },
      ...(typeof data.time_updated === 'string' ? { occurredAt: new Date(data.time_updated).toISOString() } : {}),
      ...(participationId === undefined ? {} : { participationId }),
    }],
  };
}
