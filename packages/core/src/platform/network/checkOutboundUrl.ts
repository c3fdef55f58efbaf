import { isIP } from 'node:net';
import { InputError } from '@flexroll/sdk';
import { isForbiddenAddress, isForbiddenHost } from './forbiddenAddress.js';

/** What may be asked of a URL the platform will call, and who is told which rule it broke. */
export interface UrlCheckOptions {
  readonly allowPrivateNetworks: boolean;
  /** The field the URL came in, for the error (`/url`, `/adapter/config/apiBaseUrl`). */
  readonly field: string;
  /** What the URL is, for the error's message (`webhook URL`, `adapter config's apiBaseUrl`). */
  readonly subject: string;
  /** Resolves a host name to its addresses; when it answers, every address must be allowed too. */
  readonly resolve?: (host: string) => Promise<readonly string[]>;
}

/**
 * Checks a URL the platform will call (a webhook endpoint, an adapter's API) when it is saved: http or https, no
 * credentials in it, and (unless private networks are allowed for development) a host that is neither a forbidden
 * address nor a private name, nor resolves to a forbidden address now. The host is read as WHATWG's parser reads
 * it, so `http://2130706433/` or `http://0x7f.1/` are 127.0.0.1 here as they would be when called. A name that does
 * not resolve yet is accepted: each call checks the answer again anyway.
 */
export async function checkOutboundUrl(raw: string, options: UrlCheckOptions): Promise<URL> {
  const refuse = (rule: string, message: string) =>
    new InputError(`The ${options.subject} is refused: it ${message}.`, [{ field: options.field, rule, message }]);
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
  if (isForbiddenHost(host)) throw refuse('public_address', 'must not point at a loopback, private, link-local, unique-local or metadata address');
  if (isIP(host) === 0 && options.resolve !== undefined) {
    const addresses = await options.resolve(host).catch(() => []);
    if (addresses.some(isForbiddenAddress)) throw refuse('public_address', `must not point at a host that resolves to a private address (${host})`);
  }
  return url;
}
