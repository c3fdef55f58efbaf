/**
 * A list read as a walk along its order (ADR 0021): from a position (`after`, the sort key of the last item seen), skip
 * `skip` matching items, return up to `take`, and learn whether more follow by finding one more. The walk examines at
 * most `scanLimit` items, so a filter that matches rarely still costs a bounded read per request.
 */
export interface WindowRequest<K> {
  readonly after?: K;
  readonly skip: number;
  readonly take: number;
  readonly scanLimit: number;
  /**
   * Walk to the end, counting every match (no scan limit): for a list that is one small equality, such as one
   * enrollment's log, whose exact totals cost no more than its page.
   */
  readonly countAll?: boolean;
}

export interface ListWindow<T, K> {
  readonly items: readonly T[];
  /** True when the walk reached the list's end: nothing matching follows the items returned. */
  readonly ended: boolean;
  /** True when the walk stopped at `scanLimit` before it found `skip + take + 1` matching items. */
  readonly scanLimited: boolean;
  /** How many matching items the walk met from its start: skipped, returned, and the one more that proves `!ended`. */
  readonly matched: number;
  /** Where a later walk resumes: the key of the last item returned, or of the last one examined when the scan limit stopped it. */
  readonly resumeAfter?: K;
}

/** A list's sort key: compared element by element (strings and numbers, never mixed at one position). */
export type SortKey = readonly (string | number)[];

export function compareSortKeys(left: SortKey, right: SortKey): number {
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const a = left[index]!;
    const b = right[index]!;
    if (a < b) return -1;
    if (a > b) return 1;
  }
  return left.length - right.length;
}
