import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { SharedWindows } from '../security/SharedWindows.js';

/** The pages' limits are per minute. */
export const PAGE_WINDOW_MS = 60_000;

/** The customer pages' limits: requests per client address and per page (each per minute), and the least time a form can take. */
export interface PageLimits {
  readonly perAddressPerMinute: number;
  readonly perPagePerMinute: number;
  /** A form submitted sooner than this after it was opened was not filled in by a person. */
  readonly minSubmitMs: number;
}

export const DEFAULT_PAGE_LIMITS: PageLimits = { perAddressPerMinute: 60, perPagePerMinute: 1_200, minSubmitMs: 3_000 };

/** The two counters the guards take: per client address and per page, each over {@link PAGE_WINDOW_MS}. */
export interface PageWindows {
  readonly addresses: SharedWindows;
  readonly pages: SharedWindows;
}

/** Counters of this process alone, for a host that gives none (the API's are shared through the store). */
export function processPageWindows(): PageWindows {
  const alone = (name: string) => new SharedWindows({ name, windowMs: PAGE_WINDOW_MS, syncMs: 100, holder: 'process' });
  return { addresses: alone('enroll-address'), pages: alone('enroll-page') };
}

/**
 * The public pages' guards against floods: a fixed window per client address (`request.ip`, so through express's
 * trust-proxy setting) and one per page (slug or status page), counted by every process of a deployment as the API's
 * per-key limit is ({@link SharedWindows}).
 */
export class PageGuards {
  readonly #addresses: SharedWindows;
  readonly #pages: SharedWindows;

  constructor(readonly limits: PageLimits, windows: PageWindows = processPageWindows()) {
    this.#addresses = windows.addresses;
    this.#pages = windows.pages;
  }

  /** Seconds to wait when this request is over a limit; undefined when it may go on. */
  admit(request: Request, page: string): number | undefined {
    const now = Date.now();
    const address = this.#addresses.count(request.ip ?? request.socket.remoteAddress ?? 'unknown', now);
    const perPage = this.#pages.count(page, now);
    if (address.total <= this.limits.perAddressPerMinute && perPage.total <= this.limits.perPagePerMinute) return undefined;
    return Math.max(1, Math.ceil((Math.max(address.total > this.limits.perAddressPerMinute ? address.resetAt : 0, perPage.total > this.limits.perPagePerMinute ? perPage.resetAt : 0) - now) / 1000));
  }
}

/** A cookie of the request, by name (the pages read two, and need no parser for it). */
export function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * The browser's CSRF value for a family of forms: the cookie it already holds, or a new one set now (HttpOnly,
 * SameSite=Strict, only on its path, Secure over TLS). A form carries the same value sealed; a post whose two differ
 * did not come from a page this server gave that browser.
 */
export function csrfCookie(request: Request, response: Response, name: string, path: string): string {
  const held = cookieOf(request, name);
  if (held !== undefined && /^[A-Za-z0-9_-]{22,64}$/.test(held)) return held;
  const value = randomBytes(18).toString('base64url');
  response.append('Set-Cookie', `${name}=${value}; HttpOnly; SameSite=Strict; Path=${path}${request.secure ? '; Secure' : ''}`);
  return value;
}
