import { compareSortKeys, type ListWindow, type SortKey } from './ListWindow.js';

/**
 * One window of a list made of several parts (the workspace's events and an enrollment's; a scope's program instances'
 * deadlines), each read from the same position for the first `skip + take` matches (`reach`). A part that did not end
 * is known only up to its resume position, so the merge keeps what lies at or before the nearest of those bounds:
 * within it, every part is complete and in order.
 */
export function mergeWindows<T, K extends SortKey>(
  parts: readonly ListWindow<T, K>[],
  request: { readonly after?: K; readonly skip: number; readonly take: number },
  keyOf: (item: T) => K,
): ListWindow<T, K> {
  const bounds = parts.filter((part) => !part.ended && part.resumeAfter !== undefined).map((part) => part.resumeAfter!);
  const bound = bounds.sort(compareSortKeys)[0];
  const known = parts
    .flatMap((part) => part.items.map((item) => ({ item, key: keyOf(item) })))
    .filter(({ key }) => bound === undefined || compareSortKeys(key, bound) <= 0)
    .sort((left, right) => compareSortKeys(left.key, right.key));
  const reach = request.skip + request.take;
  const window = known.slice(request.skip, reach);
  const last = window.at(-1)?.key;
  const items = window.map(({ item }) => item);
  if (bound === undefined && known.length <= reach) {
    const resumeAfter = last ?? request.after;
    return { items, ended: true, scanLimited: false, matched: known.length, ...(resumeAfter === undefined ? {} : { resumeAfter }) };
  }
  if (window.length === request.take) return { items, ended: false, scanLimited: false, matched: known.length, resumeAfter: last! };
  // Short of the window before a part's bound: only a part's scan limit stops it there; resume from that bound.
  return { items, ended: false, scanLimited: parts.some((part) => part.scanLimited), matched: known.length, ...(bound === undefined ? {} : { resumeAfter: bound }) };
}
