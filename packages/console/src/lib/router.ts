import { useEffect, useState } from 'preact/hooks';

/** Where `flexroll serve` serves the console; every console URL starts with it. */
export const BASE = '/console';

/** A console location: the path after {@link BASE} and the query string's parameters. */
export interface Place {
  readonly path: string;
  readonly query: URLSearchParams;
}

const NAVIGATED = 'flexroll:navigated';

function currentPlace(): Place {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) || '/' : '/';
  return { path, query: new URLSearchParams(location.search) };
}

/** The console URL of a path (`/enrollments?status=submitted` → `/console/enrollments?status=submitted`). */
export function href(path: string): string {
  return BASE + (path === '/' ? '/' : path);
}

/** Goes to a console path without reloading (history.pushState, or replaceState to keep Back useful). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) history.replaceState(null, '', href(path));
  else history.pushState(null, '', href(path));
  dispatchEvent(new Event(NAVIGATED));
}

/** The current place, re-rendered on every navigation (links, Back and Forward). */
export function usePlace(): Place {
  const [place, setPlace] = useState(currentPlace);
  useEffect(() => {
    const update = () => setPlace(currentPlace());
    addEventListener('popstate', update);
    addEventListener(NAVIGATED, update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener(NAVIGATED, update);
    };
  }, []);
  return place;
}

/** The parameters of a path against a pattern (`/enrollments/:id`), or undefined when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return undefined;
  }
  return params;
}

/**
 * A click on a console link navigates in place; a click with a modifier (new tab, new window) is left to the browser.
 */
export function followLink(event: MouseEvent, path: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(path);
}
