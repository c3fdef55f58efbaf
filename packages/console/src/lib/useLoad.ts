import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../api/ApiProblem';
import { navigate } from './router';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Loads again (after a write, or when the member asks). */
  readonly reload: () => void;
}

/**
 * Loads what a screen shows, again whenever `keys` change; an answer that arrives after a newer load started is
 * dropped. A 401 means the session ended (idle or absolute expiry, revoked): back to sign-in, then here again.
 */
export function useLoad<T>(load: () => Promise<T>, keys: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiProblem && error.status === 401) {
          navigate(`/sign-in?next=${encodeURIComponent(location.pathname.replace(/^\/console/, '') + location.search)}`, { replace: true });
          return;
        }
        setState((previous) => ({ data: previous.data, error, loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [...keys, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { ...state, reload };
}
