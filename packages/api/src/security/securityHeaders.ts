import type { Request, RequestHandler } from 'express';

/**
 * The reference page (`/docs`): its scripts and styles come from this server only (its styles are inline), its
 * OpenAPI document only from here too (swagger-ui would otherwise load one named in `?url=`), and it cannot be framed.
 */
const DOCS_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The console (`/console`, ADR 0024): its scripts, styles and API calls come from this server only, with nothing
 * inline (Vite builds it into files), and it cannot be framed (clickjacking a reviewer's approve button).
 */
export const CONSOLE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** JSON answers: nothing in them may be rendered, run, framed, or kept by a cache (they carry keys and personal data). */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers on every response. Every answer is `nosniff` (a JSON error is never taken for HTML) and sends no referrer.
 * API answers carry personal data and, once, API-key secrets, so no cache may keep them (`Cache-Control: no-store`,
 * as payment APIs send); the reference page's static files may be cached, under a content policy of their own. The
 * console's files set their own caching (serveConsole: hashed assets for a year, index.html never).
 */
export function securityHeaders(): RequestHandler {
  return (request, response, next) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (isUnder(request, '/docs')) {
      response.setHeader('Content-Security-Policy', DOCS_POLICY);
      response.setHeader('X-Frame-Options', 'DENY');
    } else if (isUnder(request, '/console')) {
      response.setHeader('Content-Security-Policy', CONSOLE_POLICY);
      response.setHeader('X-Frame-Options', 'DENY');
    } else {
      response.setHeader('Content-Security-Policy', API_POLICY);
      response.setHeader('Cache-Control', 'no-store');
    }
    next();
  };
}

/**
 * Whether the request is for a page under a prefix (`/docs`, `/console`). Only a URL that starts with it (or is not a
 * plain path) can be, so every other request skips parsing its URL for `request.path`.
 */
function isUnder(request: Request, prefix: string): boolean {
  const url = request.url;
  if (url.charCodeAt(0) === 47 /* / */ && !url.startsWith(prefix)) return false;
  return request.path === prefix || request.path.startsWith(`${prefix}/`);
}
