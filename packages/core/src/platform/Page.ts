/** Seed 004's pagination: 1-based `page`, `perPage` (at most {@link MAX_PER_PAGE}), and the totals. */
export interface Page<T> {
  readonly data: readonly T[];
  readonly page: number;
  readonly perPage: number;
  readonly totalItems: number;
  readonly totalPages: number;
}

export interface PageRequest {
  readonly page: number;
  readonly perPage: number;
}

export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 20;

/** Builds a page from the items of one page and the total count. */
export function toPage<T>(data: readonly T[], request: PageRequest, totalItems: number): Page<T> {
  return { data, page: request.page, perPage: request.perPage, totalItems, totalPages: Math.ceil(totalItems / request.perPage) };
}

/** How many items to skip to reach a page. */
export function pageOffset(request: PageRequest): number {
  return (request.page - 1) * request.perPage;
}
