import { createHmac } from 'node:crypto';
import { webhookSecretKey } from './webhookSecret.js';

/** The three Standard Webhooks headers of one delivery. */
export interface WebhookSignatureHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * Signs a delivery as Standard Webhooks specifies: HMAC-SHA256, keyed with each secret, over
 * `${id}.${timestamp}.${body}`, base64, written `v1,<signature>`; several secrets (during a rotation's overlap) give
 * several signatures separated by spaces, any of which a consumer may check. `timestamp` is in whole seconds.
 *
 * Signed with node:crypto rather than the `standardwebhooks` package, so that the test in which that package
 * verifies our deliveries checks one implementation against another.
 */
export function signWebhook(id: string, timestampSeconds: number, body: string, secrets: readonly string[]): WebhookSignatureHeaders {
  const content = `${id}.${timestampSeconds}.${body}`;
  const signatures = secrets.map((secret) => `v1,${createHmac('sha256', webhookSecretKey(secret)).update(content).digest('base64')}`);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signatures.join(' ') };
}
