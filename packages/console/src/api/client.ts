import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** The methods that change nothing: they carry no CSRF token and no If-Match. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The last ETag the console saw per resource path (`/enrollments/…`), sent back as `If-Match` when it changes it. */
const etags = new Map<string, string>();

let csrfToken: string | undefined;

/** The session's CSRF token (from `POST /sessions` or `GET /sessions/current`), sent as `X-CSRF-Token` on every write. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The ETag last seen for a resource path, if any. */
export function lastEtag(resourcePath: string): string | undefined {
  return etags.get(resourcePath);
}

/**
 * Writes carry the session's CSRF token; a change of a resource the console has read carries `If-Match` with the ETag
 * it read, so a change someone else made in between is answered `412` instead of being overwritten. Every answer's
 * ETag is remembered; a write answered without one forgets the old one (the resource moved on).
 */
const sessionWrites: Middleware = {
  onRequest({ request }) {
    if (SAFE_METHODS.has(request.method)) return request;
    if (csrfToken !== undefined) request.headers.set('X-CSRF-Token', csrfToken);
    const etag = etags.get(new URL(request.url).pathname);
    if (etag !== undefined && request.method !== 'POST') request.headers.set('If-Match', etag);
    return request;
  },
  onResponse({ request, response }) {
    const resource = new URL(request.url).pathname;
    const etag = response.headers.get('ETag');
    if (etag !== null) etags.set(resource, etag);
    else if (!SAFE_METHODS.has(request.method) && response.ok) etags.delete(resource);
    return response;
  },
};

/**
 * The console's only way to the server: openapi-fetch over the types generated from /openapi.json, same-origin with
 * the session cookie. A route or body the API does not have fails the type-check, not the browser.
 */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '', credentials: 'same-origin' });
api.use(sessionWrites);
