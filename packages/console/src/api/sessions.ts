import createClient from 'openapi-fetch';
import { sessionWrites, setCsrfToken } from './client';
import { ApiProblem, unwrap } from './ApiProblem';

/** A workspace member, as the members contract shows one. */
export interface MemberView {
  readonly id: string;
  readonly workspaceId: string;
  readonly email: string;
  readonly role: 'viewer' | 'reviewer' | 'admin';
  readonly status: 'invited' | 'active';
}

/** A signed-in member's session, as `POST /sessions` and `GET /sessions/current` answer it. */
export interface SessionView {
  readonly member: MemberView;
  readonly workspaceId: string;
  readonly role: 'viewer' | 'reviewer' | 'admin';
  readonly permissions: string[];
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly idleExpiresAt: string;
}

type Json<T> = { content: { 'application/json': T } };
type Failure = Json<unknown>;

/**
 * The members contract's session routes, written out by hand while they are not yet in the generated schema (the
 * members branch adds them); once they are, this file takes them from there like every other screen does.
 */
interface SessionPaths {
  '/sessions': { post: { requestBody: Json<{ email: string; password: string; workspaceId?: string }>; responses: { 201: Json<SessionView>; 401: Failure; 429: Failure } } };
  '/sessions/current': {
    get: { responses: { 200: Json<SessionView>; 401: Failure } };
    delete: { responses: { 204: { content?: never }; 401: Failure } };
  };
  '/member-invitations/accept': { post: { requestBody: Json<{ token: string; password: string }>; responses: { 200: Json<MemberView>; 400: Failure; 404: Failure } } };
}

const api = createClient<SessionPaths>({ baseUrl: globalThis.location?.origin ?? '', credentials: 'same-origin' });
api.use(sessionWrites);

/** The session this browser holds (its cookie), or undefined when it holds none (401). */
export async function currentSession(): Promise<SessionView | undefined> {
  const result = await api.GET('/sessions/current');
  if (result.response.status === 401) return undefined;
  const session = unwrap(result);
  setCsrfToken(session.csrfToken);
  return session;
}

/** Signs in (the server sets the cookie); a 401 is wrong credentials, a 429 too many attempts. */
export async function signIn(email: string, password: string, workspaceId?: string): Promise<SessionView> {
  const session = unwrap(await api.POST('/sessions', { body: { email, password, ...(workspaceId ? { workspaceId } : {}) } }));
  setCsrfToken(session.csrfToken);
  return session;
}

/** Signs out: the server revokes the session and clears the cookie. */
export async function signOut(): Promise<void> {
  const result = await api.DELETE('/sessions/current');
  setCsrfToken(undefined);
  if (!result.response.ok && result.response.status !== 401) throw ApiProblem.from(result.response, result.error);
}

/** Accepts an invitation: sets the member's password with the one-time token from the link's fragment. */
export async function acceptInvitation(token: string, password: string): Promise<void> {
  unwrap(await api.POST('/member-invitations/accept', { body: { token, password } }));
}
