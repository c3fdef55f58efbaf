import { pageOffset, toPage, type Page, type PageRequest } from '@flexroll/core';

/** Sorts, then cuts one page out of, the full result. */
export function paginate<T>(rows: T[], compare: (a: T, b: T) => number, request: PageRequest): Page<T> {
  rows.sort(compare);
  const offset = pageOffset(request);
  return toPage(rows.slice(offset, offset + request.perPage), request, rows.length);
}

/** Compares by several string keys in turn. */
export function byKeys<T>(...keys: ReadonlyArray<(row: T) => string | number>): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const left = key(a);
      const right = key(b);
      if (left < right) return -1;
      if (left > right) return 1;
    }
    return 0;
  };
}
