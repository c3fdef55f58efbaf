import { InputError } from '@flexroll/sdk';
import { pageOffset, type PageRequest } from '../Page.js';
import type { ListWindow, SortKey, WindowRequest } from './ListWindow.js';
import { encodeListCursor } from './listCursor.js';

/**
 * How deep the page form of a walked list reaches (ADR 0021): `page × perPage` at most this. A page costs what it
 * skips as well as what it returns, so beyond this the cursor form (`limit`, `after`) goes on, at the cost of a page.
 */
export const PAGE_FORM_DEPTH = 1000;

/** How many items one request of a walked list examines at most: a filter that matches rarely costs this, not the list. */
export const LIST_SCAN_LIMIT = 2000;

/** The cursor form: a page after a position, and where the next one starts. No totals: counting would read the list. */
export interface CursorPage<T> {
  readonly data: readonly T[];
  readonly hasMore: boolean;
  /** Present when `hasMore`: pass it as `after` for the next page. */
  readonly nextCursor?: string;
}

/**
 * The page form of a walked list: seed 004's `page`/`perPage`, with the totals when this page reaches the list's end
 * (then they are exact and cost nothing more), and otherwise `nextCursor` for the cursor form instead of them.
 */
export interface WindowPage<T> {
  readonly data: readonly T[];
  readonly page: number;
  readonly perPage: number;
  readonly totalItems?: number;
  readonly totalPages?: number;
  readonly nextCursor?: string;
}

/**
 * The walk that answers a page of the page form. `countAll` (a list that is one small equality, read whole) has
 * exact totals on every page and no depth limit.
 * @throws InputError naming `page` (rule `page_form_depth`) past {@link PAGE_FORM_DEPTH}.
 */
export function pageFormWindow(request: PageRequest, countAll = false): WindowRequest<never> {
  if (countAll) return { skip: pageOffset(request), take: request.perPage, scanLimit: LIST_SCAN_LIMIT, countAll };
  if (request.page * request.perPage > PAGE_FORM_DEPTH) {
    const message = `with perPage reaches past the first ${PAGE_FORM_DEPTH} items of this list (page × perPage must be at most ${PAGE_FORM_DEPTH}); to go further, use limit and after (the nextCursor of a page) instead of page and perPage.`;
    throw new InputError(`page ${message}`, [{ field: 'page', rule: 'page_form_depth', message }]);
  }
  return { skip: pageOffset(request), take: request.perPage, scanLimit: LIST_SCAN_LIMIT };
}

/**
 * The page-form answer of a walk.
 * @throws InputError naming `page` (rule `scan_limit`) when a rarely matching filter made the walk stop short of the page.
 */
export function toWindowPage<T, K extends SortKey>(window: ListWindow<T, K>, request: PageRequest): WindowPage<T> {
  if (window.scanLimited && window.items.length < request.perPage) {
    const message = `could not be reached: the filters match too rarely for the page form (a request examines at most ${LIST_SCAN_LIMIT} items); use limit and after instead of page and perPage.`;
    throw new InputError(`page ${message}`, [{ field: 'page', rule: 'scan_limit', message }]);
  }
  const base = { data: window.items, page: request.page, perPage: request.perPage };
  if (window.ended) return { ...base, totalItems: window.matched, totalPages: Math.ceil(window.matched / request.perPage) };
  return window.resumeAfter === undefined ? base : { ...base, nextCursor: encodeListCursor(window.resumeAfter) };
}

/** The walk that answers a page of the cursor form. */
export function cursorFormWindow<K>(limit: number, after: K | undefined): WindowRequest<K> {
  return { ...(after === undefined ? {} : { after }), skip: 0, take: limit, scanLimit: LIST_SCAN_LIMIT };
}

/** The cursor-form answer of a walk. */
export function toCursorPage<T, K extends SortKey>(window: ListWindow<T, K>): CursorPage<T> {
  if (window.ended || window.resumeAfter === undefined) return { data: window.items, hasMore: false };
  return { data: window.items, hasMore: true, nextCursor: encodeListCursor(window.resumeAfter) };
}
