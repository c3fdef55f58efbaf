import { isIP } from 'node:net';
import { InputError } from '@flexroll/sdk';
import { isForbiddenAddress, isForbiddenHostName } from './forbiddenAddress.js';

/** What may be asked of a webhook URL, and who is told which rule it broke. */
export interface UrlCheckOptions {
  readonly allowPrivateNetworks: boolean;
  /** The field the URL came in, for the error (`/url`). */
  readonly field?: string;
  /** Resolves a host name to its addresses; when it answers, every address must be allowed too. */
  readonly resolve?: (host: string) => Promise<readonly string[]>;
}

/**
 * Checks a webhook URL when an endpoint is saved: http or https, no credentials in it, and (unless private networks
 * are allowed for development) a host that is neither a forbidden address nor a private name, nor resolves to a
 * forbidden address now. A name that does not resolve yet is accepted: delivery checks the answer again anyway.
 */
export async function checkWebhookUrl(raw: string, options: UrlCheckOptions): Promise<URL> {
  const field = options.field ?? '/url';
  const refuse = (rule: string, message: string) => new InputError(`The webhook URL is refused: it ${message}.`, [{ field, rule, message }]);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('format', 'must be an absolute http or https URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('format', 'must be an absolute http or https URL');
  if (url.username !== '' || url.password !== '') throw refuse('no_credentials', 'must not carry a user name or password');
  if (options.allowPrivateNetworks) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isForbiddenHostName(host) || isForbiddenAddress(host)) throw refuse('public_address', 'must not point at a loopback, private, link-local, unique-local or metadata address');
  if (isIP(host) === 0 && options.resolve !== undefined) {
    const addresses = await options.resolve(host).catch(() => []);
    if (addresses.some(isForbiddenAddress)) throw refuse('public_address', `must not point at a host that resolves to a private address (${host})`);
  }
  return url;
}
