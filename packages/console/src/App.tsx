import { useEffect, useMemo, useState } from 'preact/hooks';
import { currentSession, signOut, type SessionView } from './api/sessions';
import { Layout, PublicLayout } from './layout/Layout';
import { ShortcutHelp } from './layout/ShortcutHelp';
import { ErrorNotice } from './lib/ErrorNotice';
import { isTyping } from './lib/keys';
import { matchPath, navigate, usePlace } from './lib/router';
import { SessionContext, type SessionState } from './lib/session';
import { en } from './messages/en';
import { SCREENS } from './screens';
import { AcceptInvitation } from './screens/AcceptInvitation';
import { NotFound } from './screens/NotFound';
import { SignIn } from './screens/SignIn';

/** Paths shown without a session. */
const PUBLIC_PATHS = new Set(['/sign-in', '/accept-invitation']);

/**
 * The console: the session (from its cookie, `GET /sessions/current`) decides between the public screens and the
 * signed-in ones; a signed-in screen is the first of {@link SCREENS} whose pattern matches the path.
 */
export function App() {
  const place = usePlace();
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [error, setError] = useState<unknown>();
  const [helpOpen, setHelpOpen] = useState(false);

  useEffect(() => {
    // Only if nothing has set it meanwhile: a sign-in that finished before this first check answered keeps its session.
    currentSession().then((found) => setSession((current) => (current === undefined ? (found ?? null) : current)), setError);
  }, []);

  const isPublic = PUBLIC_PATHS.has(place.path);
  useEffect(() => {
    if (session === null && !isPublic) navigate(`/sign-in?next=${encodeURIComponent(place.path + (place.query.size > 0 ? `?${place.query}` : ''))}`, { replace: true });
  }, [session, isPublic, place]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '?' && !isTyping(event)) setHelpOpen((open) => !open);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const state = useMemo<SessionState | undefined>(() => session ? {
    session,
    signOut: async () => {
      await signOut().catch(() => undefined);
      setSession(null);
      navigate('/sign-in', { replace: true });
    },
  } : undefined, [session]);

  if (error !== undefined) return <PublicLayout><ErrorNotice error={error} /></PublicLayout>;
  if (place.path === '/accept-invitation') return <PublicLayout><AcceptInvitation /></PublicLayout>;
  if (place.path === '/sign-in') return <PublicLayout><SignIn place={place} onSignedIn={setSession} /></PublicLayout>;
  if (state === undefined) return <PublicLayout><p role="status">{en.app.loading}</p></PublicLayout>;

  const found = SCREENS.map((screen) => ({ screen, params: matchPath(screen.pattern, place.path) })).find((entry) => entry.params !== undefined);
  return (
    <SessionContext.Provider value={state}>
      <Layout screens={SCREENS} path={place.path} onShortcuts={() => setHelpOpen(true)}>
        {found === undefined ? <NotFound /> : found.screen.render(found.params!, place)}
      </Layout>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </SessionContext.Provider>
  );
}
