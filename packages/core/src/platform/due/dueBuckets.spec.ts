import { expect } from 'chai';
import { DUE_SETTLE_MS, dueAtOrAfter, dueWindow, minuteBefore } from './dueBuckets.js';

const NOW = new Date('2026-12-06T21:17:30.000Z');

describe('due buckets', () => {
  it('reads the minutes since the cursor in the current hour, and settles the cursor five minutes back', () => {
    const window = dueWindow('2026-12-06T21:12', NOW);
    expect(window.buckets.map((bucket) => bucket.value)).to.deep.equal(['2026-12-06T21:13', '2026-12-06T21:14', '2026-12-06T21:15', '2026-12-06T21:16', '2026-12-06T21:17']);
    expect(window.cursor).to.equal('2026-12-06T21:12');
    expect(dueWindow('2026-12-06T21:16', NOW).cursor, 'a cursor is never moved back').to.equal('2026-12-06T21:16');
  });

  it('reads a fully past hour, or day, by its key even when the cursor lies inside it', () => {
    const window = dueWindow('2026-12-06T20:58', NOW);
    expect(window.buckets.slice(0, 2)).to.deep.equal([{ grain: 'hour', value: '2026-12-06T20' }, { grain: 'minute', value: '2026-12-06T21:00' }]);
    const days = dueWindow('2026-11-06T21:17', NOW);
    expect(days.buckets[0]).to.deep.equal({ grain: 'day', value: '2026-11-06' });
    expect(days.buckets.filter((bucket) => bucket.grain === 'day'), 'thirty days: one query a day').to.have.length(30);
    expect(days.buckets.length, 'then today’s hours and this hour’s minutes').to.equal(30 + 21 + 18);
    expect(days.cursor).to.equal('2026-12-06T21:12');
  });

  it('starts five minutes back without a cursor, and reads nothing when the clock is behind the cursor', () => {
    expect(dueWindow(undefined, NOW).buckets).to.have.length(DUE_SETTLE_MS / 60_000);
    expect(dueWindow('2026-12-07T00:00', NOW).buckets).to.deep.equal([]);
  });

  it('stores no moment earlier than the writer’s clock, and stops a cursor just before a bucket left for later', () => {
    expect(dueAtOrAfter(NOW.getTime() - 1, NOW)).to.equal(NOW.getTime());
    expect(minuteBefore({ grain: 'day', value: '2026-12-06' })).to.equal('2026-12-05T23:59');
    expect(minuteBefore({ grain: 'hour', value: '2026-12-06T20' })).to.equal('2026-12-06T19:59');
    expect(minuteBefore({ grain: 'minute', value: '2026-12-06T20:30' })).to.equal('2026-12-06T20:29');
  });
});
