import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { guardedLookup, isForbiddenHost, systemResolve, type ResolveAll } from '../../platform/index.js';
import { RESPONSE_BODY_LIMIT, type WebhookRequest, type WebhookResult, type WebhookTransport } from './WebhookTransport.js';

/** The most of an answer's body read before the connection is dropped: a receiver cannot make us read forever. */
const READ_LIMIT = 64 * 1024;

/**
 * Webhooks over node's own HTTP client: keep-alive connections, a hard deadline for the whole exchange, redirects
 * never followed (node does not follow them; a 3xx is just an answer), and the SSRF guard — an address in the URL
 * is checked as it is, a name is resolved once by {@link guardedLookup} and the connection goes to the address it
 * checked.
 */
export class NodeWebhookTransport implements WebhookTransport {
  readonly #agents: { readonly http: http.Agent; readonly https: https.Agent };
  readonly #lookup;

  constructor(private readonly allowPrivateNetworks: boolean, resolve: ResolveAll = systemResolve) {
    this.#lookup = guardedLookup(resolve, allowPrivateNetworks);
    this.#agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };
  }

  send(request: WebhookRequest): Promise<WebhookResult> {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const url = new URL(request.url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!this.allowPrivateNetworks && isForbiddenHost(host)) {
      return Promise.resolve({ kind: 'error', error: `${host} is a loopback, private, link-local, unique-local or metadata address; webhooks may not go there`, latencyMs: 0 });
    }
    const client = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? this.#agents.https : this.#agents.http;
    return new Promise((resolve) => {
      const outgoing = client.request(url, {
        method: 'POST',
        agent,
        lookup: this.#lookup,
        headers: { 'content-type': 'application/json', 'user-agent': 'Flexroll-Webhooks/1', ...request.headers, 'content-length': Buffer.byteLength(request.body) },
      });
      const deadline = setTimeout(() => outgoing.destroy(new Error(`no complete answer within ${request.timeoutMs} ms`)), request.timeoutMs);
      outgoing.on('error', (error) => {
        clearTimeout(deadline);
        resolve({ kind: 'error', error: error.message, latencyMs: elapsed() });
      });
      outgoing.on('response', (response) => {
        readBody(response).then(
          (body) => {
            clearTimeout(deadline);
            const retryAfter = response.headers['retry-after'];
            resolve({ kind: 'response', statusCode: response.statusCode ?? 0, body, latencyMs: elapsed(), ...(retryAfter === undefined ? {} : { retryAfter }) });
          },
          (error: Error) => outgoing.destroy(error),
        );
      });
      outgoing.end(request.body);
    });
  }

  /** Closes kept-alive connections (a process that stops, a test that ends). */
  close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      if (size < READ_LIMIT) chunks.push(chunk);
      size += chunk.length;
      if (size >= READ_LIMIT) {
        response.destroy();
        resolve(Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_BODY_LIMIT));
      }
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_BODY_LIMIT)));
    response.on('error', reject);
  });
}
