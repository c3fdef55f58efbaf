import { DEFAULT_PER_PAGE, type PageRequest } from '@flexroll/core';
import { ApiError } from '../http/ApiError.js';
import { FlexrollError } from '@flexroll/sdk';

/** Which form of a walked list a request asks for (ADR 0021): the page form, or the cursor form. */
export type WalkedListForm =
  | { readonly form: 'page'; readonly page: PageRequest }
  | { readonly form: 'cursor'; readonly limit: number; readonly after?: string };

/**
 * The form of a validated `WalkedListQuery`: the cursor form when `limit` or `after` is given, else the page form.
 * @throws ApiError 400 naming `/query/page` or `/query/perPage` when both forms are mixed.
 */
export function walkedListForm(query: Record<string, unknown>): WalkedListForm {
  if (query.limit === undefined && query.after === undefined) {
    return { form: 'page', page: { page: Number(query.page ?? 1), perPage: Number(query.perPage ?? DEFAULT_PER_PAGE) } };
  }
  const mixed = ['page', 'perPage'].filter((name) => query[name] !== undefined);
  if (mixed.length > 0) {
    const message = 'belongs to the page form; limit and after are the cursor form: use one or the other.';
    const issues = mixed.map((name) => ({ field: `/query/${name}`, rule: 'one_list_form', message }));
    throw new ApiError(400, 'validation_failed', `The request query is invalid: ${mixed.join(' and ')} ${message}`, issues);
  }
  return { form: 'cursor', limit: Number(query.limit ?? DEFAULT_PER_PAGE), ...(typeof query.after === 'string' ? { after: query.after } : {}) };
}

/**
 * Runs a walked list's read, reporting what the core refuses about the query itself (a page past the page form's
 * depth, a cursor it never handed out) as the 400 of a query that fails validation, naming `/query/<field>`.
 */
export async function readingWalkedList<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!FlexrollError.is(error) || error.kind !== 'input' || error.details.length === 0 || !error.details.every((issue) => QUERY_FIELDS.has(issue.field))) throw error;
    const issues = error.details.map((issue) => ({ ...issue, field: `/query/${issue.field}` }));
    throw new ApiError(400, 'validation_failed', `The request query is invalid: ${error.message}`, issues);
  }
}

const QUERY_FIELDS: ReadonlySet<string> = new Set(['page', 'after']);
