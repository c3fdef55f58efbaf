import { DEFAULT_PER_PAGE, type PageRequest } from '@flexroll/core';

/** Seed 004's `page`/`perPage` from a validated query (defaults already applied by the schema). */
export function pageRequest(query: Record<string, unknown>): PageRequest {
  return { page: Number(query.page ?? 1), perPage: Number(query.perPage ?? DEFAULT_PER_PAGE) };
}

/** A comma-separated query value as a list. */
export function splitList(value: unknown): string[] {
  return String(value).split(',').map((item) => item.trim()).filter((item) => item !== '');
}
