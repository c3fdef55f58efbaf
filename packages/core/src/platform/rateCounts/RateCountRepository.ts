/**
 * Counts shared by every process of a deployment (the per-key rate limit, the failed-authentication throttle), kept
 * as one row per counter and process: each process writes only its own row, with the absolute count it holds for the
 * window, and reads the sum of every row. No row is ever incremented by two writers, so the count is exact on a
 * server without an atomic `$inc` under concurrency (FerretDB v1.24 loses updates to one document incremented at
 * once from several connections: docs/performance.md (v)).
 */
export interface RateCountRepository {
  /**
   * Sets `holder`'s count of `counter` in `window` (a window number: epoch milliseconds divided by the window's
   * length) to `count`, and answers the sum of every holder's count in that window. Rows of windows before it may
   * be dropped.
   */
  report(counter: string, window: number, holder: string, count: number): Promise<number>;
}
