import { expect } from 'chai';
import { WorkspaceConcurrency } from './WorkspaceConcurrency.js';

describe('WorkspaceConcurrency', () => {
  it("lets `limit` requests of a workspace run at once, and never counts another workspace's", async () => {
    const places = new WorkspaceConcurrency(2, 0);
    const first = await places.enter('ws_a');
    const second = await places.enter('ws_a');
    expect([first, second].every((release) => typeof release === 'function')).to.equal(true);
    expect(await places.enter('ws_a'), 'a third is refused at once without a queue').to.equal(undefined);
    expect(typeof (await places.enter('ws_b')), 'another workspace has places of its own').to.equal('function');
    first!();
    first!();
    expect(places.runningFor('ws_a'), 'a release counts once').to.equal(1);
    expect(typeof (await places.enter('ws_a'))).to.equal('function');
  });

  it('gives a freed place to the first request waiting, in order, and drops one whose caller left', async () => {
    const places = new WorkspaceConcurrency(1, 60_000);
    const holder = (await places.enter('ws_a'))!;
    const order: string[] = [];
    const leaving = new AbortController();
    const gone = places.enter('ws_a', leaving.signal).then((release) => order.push(release === undefined ? 'gone: no place' : 'gone: placed'));
    const next = places.enter('ws_a').then((release) => {
      order.push('next: placed');
      return release;
    });
    const last = places.enter('ws_a').then((release) => {
      order.push('last: placed');
      release?.();
    });
    leaving.abort();
    await gone;
    holder();
    (await next)!();
    await last;
    expect(order).to.deep.equal(['gone: no place', 'next: placed', 'last: placed']);
    expect(places.runningFor('ws_a'), 'every place is back').to.equal(0);
  });
});
