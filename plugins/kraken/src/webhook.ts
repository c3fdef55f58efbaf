import { assertFreshTimestamp, hmacSha256, InputError, matchesSchema, safeEqual, Type, WebhookVerificationError, type InboundOperatorEvent, type InboundWebhookRequest, type InboundWebhookResult } from '@flexroll/sdk';

/** How far a signed timestamp may be from now: Kraken retries within minutes, a replay an hour later is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
const PARTICIPATION_ID = /^vpo_[0-9a-f]{24}$/;

/** The body's envelope; each event is read field by field, so that a refusal names the field and rule it always has. */
const BODY = Type.Object({ events: Type.Array(Type.Unknown()) });
/** Any JSON object: an event (or its data) that is not one has none of the fields read from it. */
const FIELDS = Type.Record(Type.String(), Type.Unknown());

/**
 * The signature header this adapter expects: `x-kraken-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" with the webhook secret>`. Signing the timestamp with the body makes a captured request useless
 * once the tolerance has passed.
 * @example signKrakenWebhook('whsec-kraken-test-0001', body, 1735722000) // 't=1735722000,v1=3f…'
 */
export function signKrakenWebhook(secret: string, body: string | Uint8Array, timestamp: number): string {
  return `t=${timestamp},v1=${hmacSha256(secret, Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(body)]), 'hex')}`;
}

/** Verifies a Kraken webhook's signature over its raw bytes, then reads its events. */
export function receiveKrakenWebhook(request: InboundWebhookRequest, secret: string): InboundWebhookResult {
  verify(request, secret);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(request.body));
  } catch {
    throw new InputError('The Kraken webhook body is not valid JSON.', [{ field: '/', rule: 'json', message: 'is not valid JSON' }]);
  }
  if (!matchesSchema(BODY, parsed)) throw new InputError('A Kraken webhook carries { "events": [...] }.', [{ field: '/events', rule: 'required', message: 'must be a list of events' }]);
  return { events: parsed.events.map((event, index) => readEvent(event, index)) };
}

function verify(request: InboundWebhookRequest, secret: string): void {
  const header = request.headers['x-kraken-signature'];
  if (header === undefined) throw new WebhookVerificationError('The webhook has no x-kraken-signature header.');
  const parts = Object.fromEntries(header.split(',').map((part) => {
    const [name = '', value] = part.trim().split('=', 2);
    return [name, value] as const;
  }));
  const timestamp = assertFreshTimestamp(parts.t, request.receivedAt, SIGNATURE_TOLERANCE_SECONDS);
  const expected = signKrakenWebhook(secret, request.body, timestamp).split('v1=')[1]!;
  if (!safeEqual(expected, parts.v1 ?? '')) throw new WebhookVerificationError('The x-kraken-signature does not match the body.');
}

/** One event of the body: `{ id, type, occurredAt, sequence?, externalReference?, data: { deviceId, … } }`. */
function readEvent(event: unknown, index: number): InboundOperatorEvent {
  const field = (name: string) => `/events/${index}/${name}`;
  const refuse = (name: string, message: string) => new InputError(`Kraken webhook event ${index}: ${name} ${message}.`, [{ field: field(name), rule: 'kraken_event', message }]);
  const { id, type, occurredAt, sequence, externalReference, data } = matchesSchema(FIELDS, event) ? event : {};
  if (typeof type !== 'string' || type === '') throw refuse('type', 'is required');
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt))) throw refuse('occurredAt', 'must be an ISO-8601 time');
  if (sequence !== undefined && !isSafeInteger(sequence)) throw refuse('sequence', 'must be an integer');
  const deviceId = matchesSchema(FIELDS, data) ? data.deviceId : undefined;
  if (typeof deviceId !== 'string' || deviceId === '') throw refuse('data/deviceId', 'is required');
  const participationId = typeof externalReference === 'string' && PARTICIPATION_ID.test(externalReference) ? externalReference : undefined;
  return {
    type,
    payload: data,
    occurredAt: new Date(occurredAt).toISOString(),
    stream: type,
    reference: { kind: 'device', value: deviceId },
    ...(typeof id === 'string' ? { id: id.slice(0, 200) } : {}),
    ...(sequence === undefined ? {} : { sequence }),
    ...(participationId === undefined ? {} : { participationId }),
  };
}

function isSafeInteger(value: unknown): value is number {
  return Number.isSafeInteger(value);
}
