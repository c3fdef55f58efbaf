import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { ApiError } from './ApiError.js';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's `Idempotency-Key`, checked: 1–255 visible ASCII characters. */
export function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1–255 visible ASCII characters.', [
      { field: '/headers/idempotency-key', rule: 'pattern', message: 'must be 1–255 visible ASCII characters' },
    ]);
  }
  return key;
}

/** What the key promises to repeat: the method, the path and the body, byte for byte after JSON parsing. */
export function requestFingerprint(request: Request, body: unknown): string {
  return createHash('sha256').update(`${request.method} ${request.path}\n${JSON.stringify(body ?? null)}`).digest('hex');
}
