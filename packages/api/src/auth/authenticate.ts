import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request } from 'express';
import type { ApiKey, ApiKeyService, CallContext } from '@flexroll/core';
import { ApiError } from '../http/ApiError.js';
import type { RoutePermission } from '../routes/RouteDefinition.js';

/** The caller as the routes see it. */
export interface Principal {
  readonly context: CallContext;
  /** The key, for rate limiting; absent for a platform administrator. */
  readonly key?: ApiKey;
}

const ADMIN_CONTEXT: CallContext = { workspaceId: '', actor: { type: 'admin', id: 'platform-admin' }, source: 'api', liveMode: true };

/**
 * Authenticates `Authorization: Bearer <key>`; the workspace comes from the key.
 * Platform-administrator routes take the administrator token instead (compared in constant time).
 */
export async function authenticate(request: Request, apiKeys: ApiKeyService, permission: RoutePermission, adminToken: string | undefined): Promise<Principal> {
  const header = request.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const secret = match?.[1];
  if (secret === undefined) {
    throw new ApiError(401, 'missing_credentials', 'Send your API key as `Authorization: Bearer <key>`.', [], { 'WWW-Authenticate': 'Bearer' });
  }
  if (permission === 'platform_admin') {
    if (adminToken !== undefined && sameSecret(secret, adminToken)) return { context: ADMIN_CONTEXT };
    throw new ApiError(403, 'platform_admin_required', 'This route needs the platform administrator token.');
  }
  const key = await apiKeys.authenticate(secret);
  if (key === undefined) throw new ApiError(401, 'invalid_credentials', 'The API key is unknown or revoked.', [], { 'WWW-Authenticate': 'Bearer' });
  const context: CallContext = {
    workspaceId: key.workspaceId, actor: { type: 'api_key', id: key.id }, source: 'api', liveMode: key.mode === 'live',
    // A partner's key reaches only its program instances; every service asks `inInstanceScope` of this (ADR 0025).
    ...(key.programInstanceIds === undefined ? {} : { programInstanceIds: key.programInstanceIds }),
  };
  return { context, key };
}

/** Checks the route's permission; separate from authentication so a refusal is still logged with who asked. */
export function authorize(principal: Principal, permission: RoutePermission): void {
  if (principal.key === undefined || (principal.key.permissions as readonly string[]).includes(permission)) return;
  throw new ApiError(403, 'missing_permission', `This key lacks the '${permission}' permission.`, [
    { field: '/authorization', rule: 'permission', message: `requires ${permission}` },
  ]);
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
