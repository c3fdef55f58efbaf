import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { ParticipationVocabulary } from '@flexroll/sdk';
import { ApiError } from './ApiError.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** This process's random part of every request id it makes, so ids from several processes never collide. */
const PROCESS_PREFIX = `req_${randomBytes(6).toString('hex')}`;
let issued = 0;

/**
 * The caller's `X-Request-Id` if it is well-formed (so ids join up across services), else a new one: this process's
 * random prefix and a counter. A request id must be unique, not secret, so it needs no randomness of its own.
 */
export function requestIdOf(request: Request): string {
  const given = request.get('x-request-id');
  return given !== undefined && REQUEST_ID.test(given) ? given : `${PROCESS_PREFIX}${(issued++).toString(36).padStart(6, '0')}`;
}

/** `Flexroll-Version: 1` (seed 000/001 state names, the default) or `2` (seed 002's). */
export function vocabularyOf(request: Request): ParticipationVocabulary {
  const version = request.get('flexroll-version');
  if (version === undefined || version === '1') return 'v1';
  if (version === '2') return 'v2';
  throw new ApiError(400, 'unsupported_version', `Flexroll-Version must be 1 or 2, not '${version}'.`, [
    { field: '/headers/flexroll-version', rule: 'enum', message: 'must be 1 or 2' },
  ]);
}

/** Whether a request carries a body at all (a POST with none is read as `{}`). */
export function hasBody(request: Request): boolean {
  return request.get('transfer-encoding') !== undefined || Number(request.get('content-length') ?? 0) > 0;
}
