import type { ListWindow, WindowRequest } from './ListWindow.js';

/** How a list is ordered and filtered: each item's sort key, how keys compare, and which items the request wants. */
export interface WindowOrder<T, K> {
  readonly keyOf: (item: T) => K;
  readonly compare: (left: K, right: K) => number;
  readonly matches: (item: T) => boolean;
}

/**
 * Walks a list given as buckets in order (each bucket's items in any order, every item of a bucket after every item
 * of the buckets before it) and cuts the window out of it. Stops reading buckets as soon as it has what it needs, so
 * the buckets should be produced lazily: a walk then reads what it returns, the one bucket it stops in, and no more.
 */
export async function collectWindow<T, K>(buckets: AsyncIterable<readonly T[]>, order: WindowOrder<T, K>, request: WindowRequest<K>): Promise<ListWindow<T, K>> {
  const items: T[] = [];
  let matched = 0;
  let scanned = 0;
  let lastExamined: K | undefined;
  for await (const bucket of buckets) {
    const sorted = bucket.map((item) => ({ item, key: order.keyOf(item) })).sort((left, right) => order.compare(left.key, right.key));
    for (const { item, key } of sorted) {
      if (request.after !== undefined && order.compare(key, request.after) <= 0) continue;
      if (scanned === request.scanLimit && request.countAll !== true) {
        return { items, ended: false, scanLimited: true, matched, ...resume(items, order, lastExamined, request.after) };
      }
      scanned++;
      lastExamined = key;
      if (!order.matches(item)) continue;
      matched++;
      if (matched <= request.skip) continue;
      if (items.length < request.take) items.push(item);
      else if (request.countAll !== true) return { items, ended: false, scanLimited: false, matched, ...resume(items, order, undefined, request.after) };
    }
  }
  return { items, ended: true, scanLimited: false, matched, ...resume(items, order, undefined, request.after) };
}

/** The resume position: after the last item returned, or after the last one examined when the scan limit cut the walk. */
function resume<T, K>(items: readonly T[], order: WindowOrder<T, K>, lastExamined: K | undefined, after: K | undefined): { readonly resumeAfter?: K } {
  const last = lastExamined ?? (items.length === 0 ? after : order.keyOf(items[items.length - 1]!));
  return last === undefined ? {} : { resumeAfter: last };
}
