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
 * What the key promises to repeat: the route, its path parameters and the body in canonical form — object keys sorted
 * at every depth, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request; array order and values count as sent.
 * The route's template and decoded parameters stand for the path, not the path as written: express routes
 * `/customers/`, `/Customers` and `/customers` alike, so they are one request, and a key cannot tell them apart.
 */
export function requestFingerprint(route: { readonly method: string; readonly path: string }, params: unknown, body: unknown): string {
  return createHash('sha256').update(`${route.method.toUpperCase()} ${route.path}\n${canonicalJson(params ?? {})}\n${canonicalJson(body ?? null)}`).digest('hex');
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
