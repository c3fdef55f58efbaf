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

/**
 * What the key promises to repeat: the method, the path and the body in canonical form — object keys sorted at every
 * depth, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request; array order and values count as sent.
 */
export function requestFingerprint(request: Request, body: unknown): string {
  return createHash('sha256').update(`${request.method} ${request.path}\n${canonicalJson(body ?? null)}`).digest('hex');
}

/** JSON with object keys in code-point order, at every depth. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}
