import { api, setCsrfToken } from './client';
import { ApiProblem, unwrap } from './ApiProblem';
import type { operations } from './schema';

/** A signed-in member's session, as `POST /sessions` and `GET /sessions/current` answer it. */
export type SessionView = operations['getCurrentSession']['responses'][200]['content']['application/json'];

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

/** Signs out: the server ends the session and clears the cookie. */
export async function signOut(): Promise<void> {
  const result = await api.DELETE('/sessions/current');
  setCsrfToken(undefined);
  if (!result.response.ok && result.response.status !== 401) throw ApiProblem.from(result.response, result.error);
}

/** Accepts an invitation: sets the member's password with the one-time token from the link's fragment. */
export async function acceptInvitation(token: string, password: string): Promise<void> {
  unwrap(await api.POST('/member-invitations/accept', { body: { token, password } }));
}
