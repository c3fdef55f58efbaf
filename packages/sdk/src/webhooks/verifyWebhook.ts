import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '../errors/errors.js';
import type { WebhookEnvelope } from './WebhookEnvelope.js';

/**
 * Options of {@link verifyWebhook}.
 * @example verifyWebhook(body, headers, secret, { toleranceSeconds: 60 })
 */
export interface VerifyWebhookOptions {
  /** How far the `webhook-timestamp` may be from now, either way, in seconds: 300 (five minutes) by default. */
  readonly toleranceSeconds?: number;
  /** The time to check against; the clock by default. */
  readonly now?: Date;
}

type HeaderBag = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Verifies a Flexroll webhook as Standard Webhooks specifies, and returns its parsed body. Pass the body exactly as
 * it arrived (the raw bytes or string, before any JSON parsing), the request's headers, and the endpoint's secret
 * (`whsec_…`; during a rotation you may pass both the new and the old). It checks that `webhook-timestamp` is within
 * the tolerance of now (replayed requests fail), then that one of the `v1,` signatures in `webhook-signature` is the
 * HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${body}` under a secret, compared in constant time.
 *
 * @throws {@link WebhookVerificationError} when any check fails.
 * @example
 * import express from 'express';
 * import { verifyWebhook } from '@flexroll/sdk';
 *
 * app.post('/flexroll', express.raw({ type: 'application/json' }), (request, response) => {
 *   const event = verifyWebhook(request.body, request.headers, process.env.FLEXROLL_WEBHOOK_SECRET!);
 *   // event.id: deduplicate; event.enrollmentId + event.seq: order; event.type + event.data: what happened
 *   response.status(204).end();
 * });
 */
export function verifyWebhook<Data = unknown>(body: string | Uint8Array, headers: HeaderBag, secret: string | readonly string[], options: VerifyWebhookOptions = {}): WebhookEnvelope<Data> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (id === undefined || timestamp === undefined || signatures === undefined) {
    throw new WebhookVerificationError('The webhook-id, webhook-timestamp and webhook-signature headers are required.', 'webhook_headers_missing');
  }
  const seconds = Number(timestamp);
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (!/^\d+$/.test(timestamp) || Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError('The webhook-timestamp is missing, malformed, or too far from now (a replayed or delayed request).', 'webhook_timestamp_invalid');
  }
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const content = Buffer.from(`${id}.${timestamp}.${text}`, 'utf8');
  const offered = signatures.split(' ').filter((entry) => entry.startsWith('v1,')).map((entry) => Buffer.from(entry.slice(3), 'base64'));
  const secrets = typeof secret === 'string' ? [secret] : secret;
  const matches = secrets.some((candidate) => {
    const expected = createHmac('sha256', Buffer.from(candidate.replace(/^whsec_/, ''), 'base64')).update(content).digest();
    return offered.some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
  });
  if (!matches) throw new WebhookVerificationError('No webhook-signature matches the body under the given secret.', 'webhook_signature_invalid');
  return JSON.parse(text) as WebhookEnvelope<Data>;
}

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const value = record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? (value as readonly string[])[0] : (value as string | undefined);
}
