import type { JsonSchema } from '@flexroll/sdk';
import { secretConfigFields } from './validateAdapterConfig.js';

/** What a secret reads as wherever an adapter's words leave the platform. */
export const REDACTED = '[REDACTED]';

/** Shorter values are not treated as secrets to hunt for: replacing every "ab" would garble messages and hide nothing. */
const MIN_SECRET_LENGTH = 4;

/**
 * Every form in which a config secret could show up in an adapter's message: as it is, URL-encoded, JSON-escaped,
 * and in base64 (an `Authorization: Basic …` header quoted in an error), longest first.
 */
export function secretForms(schema: JsonSchema, config: Readonly<Record<string, unknown>>): string[] {
  const forms = new Set<string>();
  for (const field of secretConfigFields(schema)) {
    const value = config[field];
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
    for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), Buffer.from(value).toString('base64')]) forms.add(form);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * The text with every secret form replaced by {@link REDACTED}. The one place an adapter's message is cleaned:
 * every error, event, response and log line that quotes an adapter goes through the AdapterError made from it.
 * @example redactSecrets('token abc123 refused', ['abc123']) // 'token [REDACTED] refused'
 */
export function redactSecrets(text: string, forms: readonly string[]): string {
  let clean = text;
  for (const form of forms) if (clean.includes(form)) clean = clean.split(form).join(REDACTED);
  return clean;
}
