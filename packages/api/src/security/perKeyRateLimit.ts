import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ApiError } from '../http/ApiError.js';

/** A fixed window per API key (per process: behind a load balancer each process counts its own share). */
export function perKeyRateLimit(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_request, response) => (response.locals as { principal?: { key?: { id: string } } }).principal?.key?.id ?? 'platform-admin',
    handler: (request, _response, next) => {
      const reset = (request as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
      next(new ApiError(429, 'rate_limited', `Too many requests for this key; retry in ${seconds} s.`, [], { 'Retry-After': String(seconds) }));
    },
  });
}

