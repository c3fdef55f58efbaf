import { expect } from 'chai';
import { FailedAuthThrottle } from './FailedAuthThrottle.js';
import { SignInThrottle } from './SignInThrottle.js';

describe('SignInThrottle', () => {
  const fail = async (throttle: SignInThrottle, address: string, email: string, now: () => number) => {
    const admission = await throttle.admit(address, email, now);
    if ('blockedForSeconds' in admission) return admission.blockedForSeconds;
    admission.admitted.settle(true);
    return 0;
  };

  it('refuses an e-mail failed too often from any address, however it is spelled, until its minute is over', async () => {
    let clock = 0;
    const now = () => clock;
    const throttle = new SignInThrottle(new FailedAuthThrottle(100), new FailedAuthThrottle(2));
    expect(await fail(throttle, '10.0.0.1', 'pat@example.com', now)).to.equal(0);
    expect(await fail(throttle, '10.0.0.2', ' PAT@example.com', now)).to.equal(0);
    expect(await fail(throttle, '10.0.0.3', 'pat@example.com', now)).to.equal(60);
    expect(await fail(throttle, '10.0.0.3', 'sam@example.com', now), 'another e-mail from that address').to.equal(0);
    clock = 60_000;
    expect(await fail(throttle, '10.0.0.4', 'pat@example.com', now)).to.equal(0);
  });

  it('shares the address count with wrong API keys, and a refused e-mail does not count against its address', async () => {
    const perAddress = new FailedAuthThrottle(2);
    const throttle = new SignInThrottle(perAddress, new FailedAuthThrottle(1));
    const now = () => 0;
    const key = await perAddress.admit('10.0.0.9', now);
    if ('admitted' in key) key.admitted.settle(true);
    expect(await fail(throttle, '10.0.0.9', 'a@example.com', now)).to.equal(0);
    expect(await fail(throttle, '10.0.0.8', 'a@example.com', now), 'the e-mail is refused').to.be.above(0);
    expect(await fail(throttle, '10.0.0.9', 'b@example.com', now), 'one wrong key and one wrong password: the address is refused').to.be.above(0);
    expect(await fail(throttle, '10.0.0.8', 'c@example.com', now), 'the refused e-mail cost 10.0.0.8 nothing').to.equal(0);
  });

  it('lets a success free both places without counting', async () => {
    const throttle = new SignInThrottle(new FailedAuthThrottle(1), new FailedAuthThrottle(1));
    for (let n = 0; n < 5; n++) {
      const admission = await throttle.admit('10.0.0.7', 'ok@example.com');
      if (!('admitted' in admission)) throw new Error('refused a good sign-in');
      admission.admitted.settle(false);
    }
  });
});
