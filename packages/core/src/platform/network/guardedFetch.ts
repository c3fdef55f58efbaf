import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { isForbiddenHost } from './forbiddenAddress.js';
import { ForbiddenAddressError, guardedLookup, systemResolve, type ResolveAll } from './guardedLookup.js';

/** How the guarded fetch reaches the network. */
export interface GuardedFetchOptions {
  /** DEVELOPMENT ONLY: lets calls go to loopback, private, link-local, unique-local and metadata addresses. */
  readonly allowPrivateNetworks: boolean;
  /** Resolves host names (the system's resolver by default); tests hand in one that answers what they need. */
  readonly resolve?: ResolveAll;
}

/** Statuses whose answer has no body, which `Response` refuses to be given one. */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for calls the platform makes on a user's configuration (adapters' operator APIs), over node's HTTP
 * client with the SSRF guard the webhooks use: an address literal in the URL is checked as it is, a name is
 * resolved once by {@link guardedLookup} and the socket connects to the address it checked (a name that answered
 * a public address when saved and a private one now is refused now). Redirects are never followed: a 3xx is
 * handed back as the answer, and the operator client makes it an error. Takes a URL and a JSON-sized `init`
 * (method, headers, a string body, signal), which is all the SDK's operator client sends.
 *
 * @example const client = new OperatorHttpClient({ service: 'kraken', baseUrl, fetch: guardedFetch({ allowPrivateNetworks: false }) });
 */
export function guardedFetch(options: GuardedFetchOptions): typeof fetch {
  const lookup = guardedLookup(options.resolve ?? systemResolve, options.allowPrivateNetworks);
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (input instanceof Request) throw new TypeError('guardedFetch takes a URL, not a Request');
    const url = new URL(input);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!options.allowPrivateNetworks && isForbiddenHost(host)) throw new ForbiddenAddressError(host, 'a loopback, private or metadata address');
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`guardedFetch calls http and https URLs, not ${url.protocol}`);
    init?.signal?.throwIfAborted();
    const secure = url.protocol === 'https:';
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = init?.body ?? undefined;
    if (body !== undefined && typeof body !== 'string') throw new TypeError('guardedFetch sends string bodies only');
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = (secure ? https : http).request(url, {
        method: init?.method ?? 'GET', headers, lookup, agent: secure ? agents.https : agents.http,
        ...(init?.signal ? { signal: init.signal } : {}),
      });
      outgoing.once('response', resolve);
      outgoing.once('error', reject);
      outgoing.end(body);
    });
    return toResponse(response);
  };
}

/** Node's answer as a fetch `Response`, its body streamed. */
function toResponse(response: IncomingMessage): Response {
  const headers = new Headers();
  for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) headers.append(response.rawHeaders[index]!, response.rawHeaders[index + 1]!);
  const status = response.statusCode ?? 502;
  const body = NO_BODY.has(status) ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>);
  if (body === null) response.resume();
  return new Response(body, { status, statusText: response.statusMessage ?? '', headers });
}
