import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '../errors/errors.js';

/**
 * HMAC-SHA256 of some content with a secret, as hex or base64: what most operators sign their webhooks with.
 * @example hmacSha256('whsec-key', `${timestamp}.${body}`, 'hex')
 */
export function hmacSha256(secret: string | Uint8Array, content: string | Uint8Array, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', secret).update(content).digest(encoding);
}

/**
 * Compares two strings in constant time (for signatures: a plain `===` leaks how much of a guess was right).
 * @example safeEqual(expected, request.headers['x-signature'] ?? '')
 */
export function safeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Refuses a signed timestamp (Unix seconds) further than `toleranceSeconds` from `now`, so a captured webhook cannot
 * be replayed later. Throws {@link WebhookVerificationError}.
 * @example assertFreshTimestamp(request.headers['x-timestamp'], request.receivedAt, 300)
 */
export function assertFreshTimestamp(timestamp: string | undefined, now: Date, toleranceSeconds: number): number {
  const seconds = Number(timestamp);
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp) || !Number.isFinite(seconds)) {
    throw new WebhookVerificationError('The webhook has no valid signed timestamp.');
  }
  const skew = Math.abs(now.getTime() / 1000 - seconds);
  if (skew > toleranceSeconds) throw new WebhookVerificationError(`The webhook's timestamp is ${Math.round(skew)} s from now; at most ${toleranceSeconds} s is accepted.`);
  return seconds;
}
