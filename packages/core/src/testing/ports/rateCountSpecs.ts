import { expect } from 'chai';
import type { SpecPorts } from './SpecPorts.js';

/** The shared counts (issue 23): each holder's own row, summed over the window; another window or counter apart. */
export function rateCountSpecs(ports: () => SpecPorts): void {
  it('sums every holder’s count of a counter in a window, each holder’s row set (not added to) by its reports', async () => {
    const counter = `rate:key_conformance_${Math.random().toString(36).slice(2)}`;
    expect(await ports().rateCounts.report(counter, 100, 'p1', 3)).to.equal(3);
    expect(await ports().rateCounts.report(counter, 100, 'p2', 4)).to.equal(7);
    expect(await ports().rateCounts.report(counter, 100, 'p1', 5), 'p1 now holds 5, not 3 + 5').to.equal(9);
    expect(await ports().rateCounts.report(`${counter}_other`, 100, 'p1', 1), 'another counter is counted apart').to.equal(1);
  });

  it('counts a new window from nothing, whatever the rows of the window before held', async () => {
    const counter = `auth:10.0.0.${Math.floor(Math.random() * 250)}_${Math.random().toString(36).slice(2)}`;
    await ports().rateCounts.report(counter, 7, 'p1', 50);
    await ports().rateCounts.report(counter, 7, 'p2', 50);
    expect(await ports().rateCounts.report(counter, 8, 'p1', 1)).to.equal(1);
    expect(await ports().rateCounts.report(counter, 8, 'p2', 2)).to.equal(3);
  });
}
