import { expect } from 'chai';
import type { RateCountRepository } from '@flexroll/core';
import { SharedWindows } from './SharedWindows.js';

/** The shared counts of one store as two processes see it: one row per holder, summed per window. */
function sharedStore(): RateCountRepository & { reports: number } {
  const rows = new Map<string, { window: number; count: number }>();
  return {
    reports: 0,
    async report(counter, window, holder, count) {
      this.reports++;
      rows.set(`${counter}|${holder}`, { window, count });
      return [...rows].filter(([id, row]) => id.startsWith(`${counter}|`) && row.window === window).reduce((sum, [, row]) => sum + row.count, 0);
    },
  };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe('SharedWindows', () => {
  const windowMs = 60_000;
  const now = 10 * windowMs + 5_000;

  it('adds what the other processes counted, learnt off the request path, and counts a new window from nothing', async () => {
    const store = sharedStore();
    const first = new SharedWindows({ name: 'rate', windowMs, syncMs: 1, counts: store, holder: 'p1' });
    const second = new SharedWindows({ name: 'rate', windowMs, syncMs: 1, counts: store, holder: 'p2' });
    for (let n = 0; n < 5; n++) first.count('key_a', now);
    expect(first.peek('key_a', now).total, 'decided in memory at once').to.equal(5);
    await until(() => store.reports > 0);
    second.count('key_a', now);
    await until(() => second.peek('key_a', now).total === 6);
    expect(first.count('key_a', now).total, 'the first learns the second’s count in turn').to.be.oneOf([6, 7]);
    await until(() => first.peek('key_a', now).total === 7);
    expect(second.peek('key_b', now).total, 'another key apart').to.equal(0);
    expect(first.count('key_a', now + windowMs)).to.deep.equal({ total: 1, resetAt: 12 * windowMs });
  });

  it('counts on in memory while the store fails, and says so', async () => {
    const errors: unknown[] = [];
    const failing: RateCountRepository = { report: () => Promise.reject(new Error('store away')) };
    const windows = new SharedWindows({ name: 'rate', windowMs, syncMs: 1, counts: failing, holder: 'p1', onSyncError: (error) => errors.push(error) });
    windows.count('key_a', now);
    await until(() => errors.length > 0);
    expect(windows.count('key_a', now).total).to.equal(2);
    expect(String(errors[0])).to.include('store away');
  });

  describe('near the limit', () => {
    /** One window for the whole test, whatever the clock says. */
    const oneWindow = 10 ** 13;

    /** A store whose other process's row the test sets. */
    function storeWithOther(): RateCountRepository & { reports: number; rows: Map<string, number> } {
      return {
        reports: 0,
        rows: new Map(),
        async report(_counter, _window, holder, count) {
          this.reports++;
          this.rows.set(holder, count);
          return [...this.rows.values()].reduce((sum, n) => sum + n, 0);
        },
      };
    }

    it('projects the others’ count between reports at the rate it last grew, for one syncMs at most', async () => {
      const store = storeWithOther();
      const windows = new SharedWindows({ name: 'rate', windowMs: oneWindow, syncMs: 20, counts: store, holder: 'p1' });
      windows.count('key_a', Date.now());
      store.rows.set('p2', 200);
      await until(() => store.reports === 1);
      const later = Date.now() + 1_000;
      const projected = windows.peek('key_a', later).total;
      expect(projected, 'more than the 201 last reported: the others went on counting').to.be.above(201);
      expect(windows.peek('key_a', later + 1_000).total, 'no further than one syncMs on').to.equal(projected);
    });

    it('reports a key without waiting syncMs once its count reaches eagerFrom', async () => {
      const store = storeWithOther();
      const windows = new SharedWindows({ name: 'rate', windowMs: oneWindow, syncMs: 60_000, counts: store, holder: 'p1', eagerFrom: 3 });
      windows.count('key_a', Date.now());
      windows.count('key_a', Date.now());
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(store.reports, 'below eagerFrom the report waits out syncMs').to.equal(0);
      windows.count('key_a', Date.now());
      await until(() => store.reports === 1);
      expect(store.rows.get('p1')).to.equal(3);
    });
  });
});
