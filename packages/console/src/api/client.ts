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
  async onResponse({ request, response }) {
    response = await retryBusyRead(request, response);
    const resource = new URL(request.url).pathname;
    const etag = response.headers.get('ETag');
    if (etag !== null) etags.set(resource, etag);
    else if (!SAFE_METHODS.has(request.method) && response.ok) etags.delete(resource);
    return response;
  },
};

/** How many times a read refused for being busy (429) is tried again, and the longest wait the console accepts. */
const BUSY_RETRIES = 2;
const LONGEST_BUSY_WAIT_MS = 3000;

/**
 * A read the server turned away because the workspace's requests were all busy (429 with Retry-After, ADR 0020) is
 * tried again after the wait it asks for, twice at most: a screen that loads several panels at once should not show
 * an error for a moment's queue. Writes are never repeated here.
 */
async function retryBusyRead(request: Request, response: Response): Promise<Response> {
  let answer = response;
  for (let attempt = 0; attempt < BUSY_RETRIES && answer.status === 429 && SAFE_METHODS.has(request.method); attempt++) {
    const waitMs = Math.min(LONGEST_BUSY_WAIT_MS, Math.max(250, Number(answer.headers.get('Retry-After') ?? '1') * 1000));
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    answer = await fetch(request.url, { method: request.method, headers: request.headers, credentials: 'same-origin' });
  }
  return answer;
}

/**
 * The console's only way to the server: openapi-fetch over the types generated from /openapi.json, same-origin with
 * the session cookie. A route or body the API does not have fails the type-check, not the browser.
 */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '', credentials: 'same-origin' });
api.use(sessionWrites);
