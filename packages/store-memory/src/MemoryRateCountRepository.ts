import type { RateCountRepository } from '@flexroll/core';

/** The embedded store's shared counts: one process, so the sum is its own row; rows of ended windows are dropped. */
export class MemoryRateCountRepository implements RateCountRepository {
  readonly #counters = new Map<string, Map<string, { window: number; count: number }>>();

  async report(counter: string, window: number, holder: string, count: number): Promise<number> {
    let rows = this.#counters.get(counter);
    if (rows === undefined) this.#counters.set(counter, (rows = new Map<string, { window: number; count: number }>()));
    rows.set(holder, { window, count });
    let sum = 0;
    for (const [other, row] of rows) {
      if (row.window === window) sum += row.count;
      else if (row.window < window) rows.delete(other);
    }
    return sum;
  }
}
