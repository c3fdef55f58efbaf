import { expect } from 'chai';
import { pollSlotAtOrAfter } from './pollSlots.js';

const ENTERED = Date.parse('2026-12-06T12:00:00.000Z');
const participation = { history: [{ occurredAt: new Date(ENTERED).toISOString() }] };
const polling = { batchSize: 50, intervalSeconds: 60, maxIntervalSeconds: 1800 };
const slot = (from: number) => pollSlotAtOrAfter(participation, polling, ENTERED + from, '2026-12-06T00:00:00.000Z') - ENTERED;

describe('poll slots', () => {
  it('polls at once on entering a state, then twice as long after each quiet poll, up to the longest wait', () => {
    expect(slot(0)).to.equal(0);
    expect(slot(1)).to.equal(120_000 - 1);
    expect(slot(120_000)).to.equal(120_000 - 1 + 240_000 - 1);
    const capped = slot(10 * 3_600_000);
    const next = slot(capped + 1);
    expect(next - capped, 'every 30 minutes once capped').to.equal(1_800_000 - 1);
  });
});
