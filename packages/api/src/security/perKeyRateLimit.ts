import type { RequestHandler } from 'express';
import { ApiError } from '../http/ApiError.js';
import { KeyWindows } from './KeyWindows.js';

const WINDOW_MS = 60_000;

/**
 * A fixed window per API key, member or (on public routes) client address (per process: behind a load balancer each process counts its own share), with IETF
 * draft 7's headers (`RateLimit-Policy: 600;w=60`, `RateLimit: limit=600, remaining=599, reset=60`) and, past the
 * limit, `Retry-After` and a 429. It answers exactly as the express-rate-limit middleware it replaces did on this
 * route, without that middleware's chain of awaits, options and validations on every request.
 */
export function perKeyRateLimit(limit: number): RequestHandler {
  const windows = new KeyWindows(WINDOW_MS);
  const policy = `${limit};w=${WINDOW_MS / 1000}`;
  return (_request, response, next) => {
    const key = (response.locals as { principal?: { rateLimitKey: string } }).principal?.rateLimitKey ?? 'platform-admin';
    const window = windows.hit(key, Date.now());
    const resetSeconds = Math.max(0, Math.ceil((window.resetAt - Date.now()) / 1000));
    if (!response.headersSent) {
      response.setHeader('RateLimit-Policy', policy);
      response.setHeader('RateLimit', `limit=${limit}, remaining=${Math.max(limit - window.hits, 0)}, reset=${resetSeconds}`);
    }
    if (window.hits <= limit) return next();
    if (!response.headersSent) response.setHeader('Retry-After', String(resetSeconds));
    const seconds = Math.max(1, Math.ceil((window.resetAt - Date.now()) / 1000));
    next(new ApiError(429, 'rate_limited', `Too many requests for this key; retry in ${seconds} s.`, [], { 'Retry-After': String(seconds) }));
  };
}
