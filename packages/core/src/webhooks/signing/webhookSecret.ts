import { randomBytes } from 'node:crypto';

/** A new Standard Webhooks secret: `whsec_` and 24 random bytes in base64 (Svix's length). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The key bytes of a `whsec_` secret (the base64 after the prefix), as Standard Webhooks defines them. */
export function webhookSecretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}
