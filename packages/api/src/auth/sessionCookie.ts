import type { Request } from 'express';

/** The name of the cookie a member's session travels in. */
export const SESSION_COOKIE = 'flexroll_session';

/** The session token in the request's `Cookie` header, if any (the first, should a client send several). */
export function sessionTokenOf(request: Request): string | undefined {
  const header = request.get('cookie');
  if (header === undefined) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === SESSION_COOKIE) {
      const value = pair.slice(at + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/**
 * The `Set-Cookie` value that hands a member its session: out of scripts' reach (`HttpOnly`), never sent by another
 * site's request (`SameSite=Strict`), and `Secure` when the request came over TLS (as express judges it through the
 * trust-proxy setting). No `Max-Age`: it lasts as long as the browser session, and the server ends it sooner.
 */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}

/** The `Set-Cookie` value that removes the session cookie from the browser. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;
}
