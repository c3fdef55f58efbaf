/**
 * The list's filters as they live in the URL (`/console/enrollments?instance=…&status=submitted&q=suzie`), so a view
 * can be saved and shared. Their names are the list route's query parameters, so the URL's filters go to the API as
 * they are; dates are kept as days (YYYY-MM-DD) in the URL and sent as the day's first or last instant.
 */
export const FILTER_NAMES = ['status', 'participationState', 'tags', 'manufacturer', 'postalCodePrefix', 'createdFrom', 'createdTo', 'updatedFrom', 'updatedTo', 'overdue', 'q'] as const;

export type FilterName = (typeof FILTER_NAMES)[number];
export type Filters = Partial<Record<FilterName, string>>;

/** The filters a URL's query holds (empty values dropped). */
export function filtersOf(query: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const name of FILTER_NAMES) {
    const value = query.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** The filters as the API's query: days become instants (from: 00:00 UTC, to: the day's last millisecond). */
export function apiQueryOf(filters: Filters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && name.endsWith('From')) query[name] = `${value}T00:00:00.000Z`;
    else if (/^\d{4}-\d{2}-\d{2}$/.test(value) && name.endsWith('To')) query[name] = `${value}T23:59:59.999Z`;
    else query[name] = value;
  }
  return query;
}

/** A console path with the query's non-empty entries. */
export function pathWithQuery(path: string, entries: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(entries).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}
