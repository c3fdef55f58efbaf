import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request } from 'express';
import { type ActiveSession, type ApiKey, type ApiKeyService, type CallContext, type KeyGrantor, permissionsOfRole, type SessionService } from '@flexroll/core';
import { ApiError } from '../http/ApiError.js';
import type { RoutePermission } from '../routes/RouteDefinition.js';
import { sessionTokenOf } from './sessionCookie.js';

/** The caller as the routes see it. */
export interface Principal {
  readonly context: CallContext;
  /** The API key, when one was sent. */
  readonly key?: ApiKey;
  /** The member's session, when its cookie was the credential. */
  readonly session?: ActiveSession;
  /**
   * What the caller holds, for permission checks, rate limiting and what it may grant: the key, or the member seen as a
   * live scoped key holding its role's permissions. Absent for the platform administrator and on public routes.
   */
  readonly grants?: KeyGrantor;
  /** Whose share of the rate limit a request takes: the key's or member's id, the administrator's, an address's. */
  readonly rateLimitKey: string;
}

/** The credentials authentication checks. */
export interface Authenticators {
  readonly apiKeys: ApiKeyService;
  readonly sessions: SessionService;
}

const ADMIN_CONTEXT: CallContext = { workspaceId: '', actor: { type: 'admin', id: 'platform-admin' }, source: 'api', liveMode: true };
/** Public routes (signing in, accepting an invitation) run for nobody in particular, in no workspace, limited per address. */
export function publicPrincipal(address: string): Principal {
  return { context: { workspaceId: '', actor: { type: 'system', id: 'anonymous' }, source: 'api', liveMode: true }, rateLimitKey: `address:${address}` };
}

/**
 * Authenticates `Authorization: Bearer <key>`; the workspace comes from the key. Without that header, a member's
 * session cookie is the credential (the workspace comes from the member). Platform-administrator routes take the
 * administrator token instead (compared in constant time).
 */
export async function authenticate(request: Request, authenticators: Authenticators, permission: RoutePermission, adminToken: string | undefined): Promise<Principal> {
  const header = request.get('authorization');
  if (header === undefined && permission !== 'platform_admin') {
    const token = sessionTokenOf(request);
    if (token !== undefined) return fromSession(await authenticators.sessions.authenticate(token));
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  const secret = match?.[1];
  if (secret === undefined) {
    throw new ApiError(401, 'missing_credentials', 'Send your API key as `Authorization: Bearer <key>`, or sign in for a session cookie.', [], { 'WWW-Authenticate': 'Bearer' });
  }
  if (permission === 'platform_admin') {
    if (adminToken !== undefined && sameSecret(secret, adminToken)) return { context: ADMIN_CONTEXT, rateLimitKey: 'platform-admin' };
    throw new ApiError(403, 'platform_admin_required', 'This route needs the platform administrator token.');
  }
  const key = await authenticators.apiKeys.authenticate(secret);
  if (key === undefined) throw new ApiError(401, 'invalid_credentials', 'The API key is unknown or revoked.', [], { 'WWW-Authenticate': 'Bearer' });
  if (permission === 'session') throw new ApiError(403, 'session_required', 'This route is about a member’s session: call it signed in, with the session cookie, not with an API key.');
  const context: CallContext = { workspaceId: key.workspaceId, actor: { type: 'api_key', id: key.id }, source: 'api', liveMode: key.mode === 'live' };
  return { context, key, grants: key, rateLimitKey: key.id };
}

function fromSession(active: ActiveSession | undefined): Principal {
  if (active === undefined) throw new ApiError(401, 'session_expired', 'The session has ended or expired; sign in again.');
  const { member } = active;
  // Members act on live data: test data is for integrations, made with test keys.
  const context: CallContext = { workspaceId: member.workspaceId, actor: { type: 'member', id: member.id }, source: 'api', liveMode: true };
  const grants: KeyGrantor = { id: member.id, type: 'scoped', mode: 'live', permissions: permissionsOfRole(member.role) };
  return { context, session: active, grants, rateLimitKey: member.id };
}

/**
 * Checks the route's permission; separate from authentication so a refusal is still logged with who asked. A write
 * through a session must also carry the session's CSRF token in `X-CSRF-Token`: the cookie goes with any request
 * the browser makes, the header only with the console's own.
 */
export function authorize(principal: Principal, permission: RoutePermission, request: Request): void {
  if (principal.session !== undefined && request.method !== 'GET' && request.method !== 'HEAD') {
    const sent = request.get('x-csrf-token');
    if (sent === undefined || !sameSecret(sent, principal.session.csrfToken)) {
      throw new ApiError(403, 'csrf_token_invalid', 'A write made with a session cookie needs the session’s csrfToken in the X-CSRF-Token header.', [
        { field: '/headers/x-csrf-token', rule: 'csrf', message: 'must equal the session’s csrfToken' },
      ]);
    }
  }
  if (principal.grants === undefined || permission === 'session' || permission === 'public' || permission === 'platform_admin') return;
  if ((principal.grants.permissions as readonly string[]).includes(permission)) return;
  const holder = principal.session === undefined ? 'This key lacks' : `The role '${principal.session.member.role}' lacks`;
  throw new ApiError(403, 'missing_permission', `${holder} the '${permission}' permission.`, [{ field: '/authorization', rule: 'permission', message: `requires ${permission}` }]);
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
