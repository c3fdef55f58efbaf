import type { Request, Response } from 'express';

/** Statuses express answers without a body (204, 304) or with an empty one (205): left to express. */
const BODYLESS = new Set([204, 205, 304]);

/**
 * Sends a JSON answer with the bytes and headers express's `response.json` gives it here (no replacer, spaces or
 * escaping set, no ETag), without its generic steps: the charset parsing of the media type, the Buffer copy of any
 * body over 1,000 characters, the freshness check. A request those steps could change is left to express: a HEAD,
 * a conditional GET (`If-None-Match: *` makes express answer 304), an answer whose media type is already set, or a
 * bodyless status.
 */
export function sendJson(request: Request, response: Response, status: number, body: unknown): void {
  const headers = request.headers;
  if (
    request.method === 'HEAD' || BODYLESS.has(status) || headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined
    || response.getHeader('content-type') !== undefined
  ) {
    response.status(status).json(body);
    return;
  }
  const json = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', String(Buffer.byteLength(json)));
  response.end(json);
}
