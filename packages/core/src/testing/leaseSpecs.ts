import { expect } from 'chai';
import { ManualClock, SystemClock, type Clock } from '../platform/Clock.js';
import { claimNextAttempt } from '../platform/leases/claimNextAttempt.js';
import { Lease } from '../platform/leases/Lease.js';
import type { DeliveryAttemptRepository } from '../webhooks/ports/DeliveryAttemptRepository.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { harnessOn } from './CoreHarness.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

/** The one lease model on a real store: a held lease outlives its length while renewed, and a dead holder's does not. */
export function leaseSpecs(store: () => StoreUnderTest): void {
  const LEASE_MS = 3_000;
  let subjects = 0;
  const setUp = <C extends Clock>(clock: C) => {
    const attempts: DeliveryAttemptRepository = harnessOn(store()).port(STORE_TOKENS.deliveryAttempts);
    const subjectId = `lease_${process.pid}_${Date.now()}_${++subjects}`;
    const claim = (claimedBy: string) => claimNextAttempt(attempts, { workspaceId: 'ws_leases', subjectId, claimedBy, now: clock.now(), leaseMs: LEASE_MS });
    return { attempts, claim, clock };
  };

  it('keeps a long piece of work’s lease past the lease length while it is renewed, and frees it when the work is done', async () => {
    const { attempts, claim, clock } = setUp(new ManualClock());
    const first = await claim('worker-a');
    if (first.kind !== 'claimed') throw new Error(`the first claim was ${first.kind}`);
    const lease = new Lease(attempts, first.attempt, LEASE_MS, clock);
    // Ten heartbeats a third of a lease apart: the work has run three and a third lease lengths.
    for (let beat = 0; beat < 10; beat++) {
      clock.advance(LEASE_MS / 3);
      expect(await lease.renew(), `still held at beat ${beat}`).to.equal(true);
      expect((await claim('worker-b')).kind, `another worker at beat ${beat}`).to.equal('busy');
    }
    expect(Date.parse(lease.attempt.leaseExpiresAt) - Date.parse(first.attempt.leaseExpiresAt)).to.equal(10 * (LEASE_MS / 3));
    await attempts.replace({ ...lease.attempt, outcome: 'succeeded', finishedAt: clock.now().toISOString() });
    const next = await claim('worker-b');
    expect([next.kind, next.kind === 'claimed' ? next.attempt.attempt : 0]).to.deep.equal(['claimed', 2]);
  });

  it('lets another worker take a dead holder’s claim once its lease has run out, and fences the holder off', async () => {
    const { attempts, claim, clock } = setUp(new ManualClock());
    const first = await claim('worker-dead');
    if (first.kind !== 'claimed') throw new Error(`the first claim was ${first.kind}`);
    const stalled = new Lease(attempts, first.attempt, LEASE_MS, clock);
    clock.advance(LEASE_MS - 1);
    expect((await claim('worker-b')).kind, 'within the lease').to.equal('busy');
    clock.advance(1);
    const taken = await claim('worker-b');
    expect(taken.kind).to.equal('claimed');
    if (taken.kind !== 'claimed') return;
    expect([taken.attempt.attempt, taken.abandoned?.attempt, taken.abandoned?.outcome]).to.deep.equal([2, 1, 'abandoned']);
    expect(await stalled.renew(), 'the stalled holder, waking').to.equal(false);
    // A holder whose clock says its lease is live (it cannot tell it stalled) is fenced off by the later attempt.
    const unaware = new Lease(attempts, first.attempt, LEASE_MS, new ManualClock(first.attempt.claimedAt));
    expect(unaware.held, 'before it renews').to.equal(true);
    expect(await unaware.renew(), 'once it renews').to.equal(false);
    expect(unaware.held).to.equal(false);
    expect((await attempts.listForSubject('ws_leases', taken.attempt.subjectId)).map((attempt) => [attempt.attempt, attempt.outcome])).to.deep.equal([[1, 'abandoned'], [2, undefined]]);
  });

  it('renews on its own, on a timer, while the work runs: the claim outlives its first expiry', async () => {
    const { attempts, claim, clock } = setUp(new SystemClock());
    const first = await claim('worker-a');
    if (first.kind !== 'claimed') throw new Error(`the first claim was ${first.kind}`);
    const firstExpiry = Date.parse(first.attempt.leaseExpiresAt);
    const competitor = await new Lease(attempts, first.attempt, LEASE_MS, clock).whileHeld(async (lease) => {
      while (Date.now() <= firstExpiry + LEASE_MS / 3) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(lease.held).to.equal(true);
      return claim('worker-b');
    });
    expect(competitor.kind, 'another worker, after the first expiry').to.equal('busy');
  });
}
