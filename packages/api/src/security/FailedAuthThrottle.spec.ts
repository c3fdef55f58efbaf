import { expect } from 'chai';
import { FailedAuthThrottle } from './FailedAuthThrottle.js';

describe('FailedAuthThrottle', () => {
  it('admits no more attempts than failures may still be allowed, and refuses once they have failed', async () => {
    const throttle = new FailedAuthThrottle(2);
    const [first, second] = await Promise.all([throttle.admit('10.0.0.1'), throttle.admit('10.0.0.1')]);
    let thirdSettled = false;
    const third = throttle.admit('10.0.0.1').then((admission) => ((thirdSettled = true), admission));
    await new Promise((resolve) => setImmediate(resolve));
    expect(thirdSettled, 'a third waits while two are being checked').to.equal(false);
    if (!('admitted' in first) || !('admitted' in second)) throw new Error('the first two are admitted');
    first.admitted.settle(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(thirdSettled, 'one failure leaves room for one more, still taken by the second').to.equal(false);
    second.admitted.settle(true);
    expect(await third).to.have.property('blockedForSeconds').that.is.within(1, 60);
    expect(await throttle.admit('10.0.0.2'), 'another address is counted apart').to.have.property('admitted');
  });

  it('lets a waiting attempt in when one being checked succeeds, and opens again a minute later', async () => {
    const throttle = new FailedAuthThrottle(1);
    let now = 0;
    const clock = () => now;
    const checking = await throttle.admit('10.0.0.1', clock);
    const waiting = throttle.admit('10.0.0.1', clock);
    if (!('admitted' in checking)) throw new Error('admitted');
    checking.admitted.settle(false);
    const next = await waiting;
    if (!('admitted' in next)) throw new Error('a success frees its place');
    next.admitted.settle(true);
    next.admitted.settle(true);
    expect(await throttle.admit('10.0.0.1', clock), 'a settle counts once; one failure is the limit').to.deep.equal({ blockedForSeconds: 60 });
    now = 60_000;
    expect(await throttle.admit('10.0.0.1', clock)).to.have.property('admitted');
  });
});
