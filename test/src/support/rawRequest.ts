import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  readonly json: any;
}

/**
 * A request that fetch will not send — a GET with a body, bytes that are not UTF-8, a header too large — through
 * node:http as given.
 */
export function rawRequest(base: string, method: string, path: string, options: { headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // node sends a GET's body unframed unless told its length.
    const length = options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) };
    const request = http.request({ ...target(base, path), method, headers: { ...length, ...options.headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
      });
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/**
 * Where to send `path`: as given whenever it is printable ASCII, so that `..`, `%2e%2e` and the like reach the server
 * as written (a WHATWG URL would resolve them as dot-segments and send another route's path, which the contract
 * check then judges against the route the request meant); otherwise through a URL, which percent-encodes the rest.
 */
function target(base: string, path: string): http.RequestOptions {
  const { hostname, port } = new URL(base);
  if (/^\/[\x21-\x7e]*$/.test(path)) return { hostname, port: Number(port), path };
  const url = new URL(path, base);
  return { hostname, port: Number(port), path: `${url.pathname}${url.search}` };
}

/** Bytes written straight to the server's socket (malformed HTTP); what it answered, whole. */
export function rawSocket(base: string, bytes: string | Buffer, waitMs = 5_000): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.on('error', reject);
  });
}
