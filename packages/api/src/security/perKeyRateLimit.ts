import type { RequestHandler } from 'express';
import { ApiError } from '../http/ApiError.js';
import type { SharedWindows } from './SharedWindows.js';

/**
 * A fixed window per API key, counted by every process of a deployment ({@link SharedWindows}), with IETF draft 7's
 * headers (`RateLimit-Policy: 600;w=60`, `RateLimit: limit=600, remaining=599, reset=60`) and, past the limit,
 * `Retry-After` and a 429. The decision is taken in memory: the store is told and asked off the request's path.
 */
export function perKeyRateLimit(limit: number, windows: SharedWindows, windowMs: number): RequestHandler {
  const policy = `${limit};w=${Math.round(windowMs / 1000)}`;
  return (_request, response, next) => {
    const key = (response.locals as { principal?: { key?: { id: string } } }).principal?.key?.id ?? 'platform-admin';
    const now = Date.now();
    const window = windows.count(key, now);
    const resetSeconds = Math.max(0, Math.ceil((window.resetAt - now) / 1000));
    if (!response.headersSent) {
      response.setHeader('RateLimit-Policy', policy);
      response.setHeader('RateLimit', `limit=${limit}, remaining=${Math.max(limit - window.total, 0)}, reset=${resetSeconds}`);
    }
    if (window.total <= limit) return next();
    const seconds = Math.max(1, resetSeconds);
    if (!response.headersSent) response.setHeader('Retry-After', String(seconds));
    next(new ApiError(429, 'rate_limited', `Too many requests for this key; retry in ${seconds} s.`, [], { 'Retry-After': String(seconds) }));
  };
}
