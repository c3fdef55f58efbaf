import http from 'node:http';
import type { Socket } from 'node:net';
import type { RequestListener } from 'node:http';
import { randomBytes } from 'node:crypto';

/** The HTTP server's own limits, so that a slow or malformed client cannot hold a connection or a worker for long. */
export interface ServerLimits {
  /** How long a client may take to send its request headers (slowloris). */
  readonly headersTimeoutMs: number;
  /** How long a client may take to send its whole request. */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept open. */
  readonly keepAliveTimeoutMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 };

const ANSWERS: Readonly<Record<string, { status: number; reason: string; code: string; message: string }>> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', code: 'headers_too_large', message: 'The request headers are larger than the server accepts (16 KB).' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', code: 'request_timeout', message: 'The request was not received in time.' },
};
const MALFORMED = { status: 400, reason: 'Bad Request', code: 'malformed_request', message: 'The request is not valid HTTP.' };

/**
 * A node HTTP server for the app with {@link ServerLimits} applied (checked every second rather than node's
 * default 30 s), and JSON answers in the API's one error shape for what node refuses before express sees a
 * request: headers too large (431), a request too slow (408), malformed HTTP (400).
 */
export function createHttpServer(app: RequestListener, limits: ServerLimits = DEFAULT_SERVER_LIMITS): http.Server {
  const server = http.createServer({ requestTimeout: limits.requestTimeoutMs, headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: 1_000 }, app);
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
  return server;
}

function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const answer = ANSWERS[error.code ?? ''] ?? MALFORMED;
  const requestId = `req_${randomBytes(12).toString('hex')}`;
  const body = JSON.stringify({ error: { type: 'invalid_request', code: answer.code, message: answer.message, details: [], requestId } });
  socket.end(
    [
      `HTTP/1.1 ${answer.status} ${answer.reason}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      `X-Request-Id: ${requestId}`,
      'X-Content-Type-Options: nosniff',
      'Cache-Control: no-store',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
