import { expect } from 'chai';
import { STORE_TOKENS, type Token } from '../platform/tokens.js';
import { harnessOn } from './CoreHarness.js';
import { driveToActive } from './journeys.js';
import { SUZIE_CUSTOMER_INFO } from '../seeds/seedExamples.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

/** Calls to each method of the ports a request reads, counted by a harness that wraps them. */
type Counts = Record<string, number>;

/** What a request costs the store, counted: one load of the enrollment per request (issue 8), however long its log. */
export function readCountSpecs(store: () => StoreUnderTest): void {
  it('reads a participation’s enrollment once per write, and not at all beyond one next-event probe when it is at hand', async () => {
    const h = harnessOn(store());
    const { context, instance } = await h.tenant();
    const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
    const pid = active.participation!.id;
    for (let flap = 0; flap < 30; flap++) {
      await h.participations.trigger(context, pid, { trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST' });
      await h.participations.trigger(context, pid, { trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' });
    }
    // Another process of the same platform, whose reads are counted.
    const peer = harnessOn(store(), h.clock);
    const counts: Counts = {};
    countCalls(peer, STORE_TOKENS.events, 'events', counts);
    countCalls(peer, STORE_TOKENS.enrollments, 'enrollments', counts);

    await peer.participations.find(context, pid);
    expect(counts, 'a first read: one lookup by participation, one probe for newer events').to.deep.equal({ 'enrollments.findByParticipationId': 1, 'events.listForEnrollment': 1 });

    clear(counts);
    await peer.participations.trigger(context, pid, { trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST' });
    expect(counts, 'a write: one probe, one append, one projection save').to.deep.equal({ 'events.exists': 1, 'events.insert': 1, 'enrollments.save': 1 });

    clear(counts);
    await peer.enrollments.get(context, active.id);
    expect(counts, 'a read of what this process has at hand: one probe').to.deep.equal({ 'events.exists': 1 });

    clear(counts);
    await h.participations.trigger(context, pid, { trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' });
    const after = await peer.enrollments.get(context, active.id);
    expect(after.participation?.state, 'another process’s write is seen').to.equal('ACTIVE');
    expect(counts, 'after another process wrote: the probe finds it, then the projection, then a probe from there').to.deep.equal({ 'events.exists': 1, 'enrollments.get': 1, 'events.listForEnrollment': 1 });
  });
}

function countCalls<T extends object>(harness: ReturnType<typeof harnessOn>, token: Token<T>, name: string, counts: Counts): void {
  const real = harness.port(token);
  harness.replacePort(token, new Proxy(real, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const label = `${name}.${String(key)}`;
        counts[label] = (counts[label] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }));
}

function clear(counts: Counts): void {
  for (const key of Object.keys(counts)) delete counts[key];
}
