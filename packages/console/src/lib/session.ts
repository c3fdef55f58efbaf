import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SessionView } from '../api/sessions';

export interface SessionState {
  readonly session: SessionView;
  /** Signs out: DELETE /sessions/current, then the sign-in page. */
  readonly signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | undefined>(undefined);

/** The session of a signed-in screen (every screen but sign-in and accept-invitation). */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (state === undefined) throw new Error('useSession outside a signed-in screen');
  return state;
}

/** A permission the API names (`enrollments:write`); a name it does not have fails the type-check. */
export type Permission = SessionView['permissions'][number];

/** Whether the member may do what a permission names. */
export function can(session: SessionView, permission: Permission): boolean {
  return session.permissions.includes(permission);
}
