import { expect } from 'chai';
import { FlexrollError } from '@flexroll/sdk';
import { STORE_TOKENS } from '../platform/tokens.js';
import { PreconditionFailedError } from '../platform/preconditions/PreconditionFailedError.js';
import type { CallContext } from '../platform/CallContext.js';
import { versionOf } from '../programs/InstanceVersions.js';
import { suzieWithDevice } from '../seeds/seedExamples.js';
import { driveToActive } from './journeys.js';
import { peersOn, raceTrials } from './devices.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

/** A context that sends `If-Match: "<version>"`. */
const ifMatch = (context: CallContext, version: number): CallContext => ({ ...context, ifMatch: { any: false, tags: [String(version)] } });

/** The two outcomes of one race, as `[winners, 412s]`, failing on anything else. */
function tally(outcomes: ReadonlyArray<PromiseSettledResult<unknown>>): [number, PreconditionFailedError[]] {
  const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  const others = refused.filter((reason) => !(FlexrollError.is(reason) && reason.kind === 'precondition_failed'));
  expect(others, 'a loser is refused with precondition_failed, nothing else').to.deep.equal([]);
  return [outcomes.length - refused.length, refused as PreconditionFailedError[]];
}

/**
 * Optimistic concurrency (issue 24): two writers in two processes on one store, both sending the same `If-Match`, race;
 * each trial has exactly one winner, the loser gets 412 with the winner's version as the current one, and only the
 * winner's change is written. The guard is the write's own unique insert, so it holds on every store.
 */
export function preconditionSpecs(storeName: string, store: () => StoreUnderTest): void {
  const trials = raceTrials(storeName, { memory: 60, mongo: 25 });

  it(`lets exactly one of two enrollment writers with the same If-Match win, ${trials} times, the other 412 and nothing written for it`, async () => {
    const [a, b] = peersOn(store(), 2);
    const { context, instance } = await a!.tenant();
    const enrollment = await a!.enrollments.create(context, instance.id, suzieWithDevice('SN-etag-1'));
    let seq = enrollment.seq;
    for (let trial = 0; trial < trials; trial++) {
      const outcomes = await Promise.allSettled([
        a!.enrollments.update(ifMatch(context, seq), enrollment.id, { changes: { tags: [`a-${trial}`] } }),
        b!.enrollments.update(ifMatch(context, seq), enrollment.id, { changes: { tags: [`b-${trial}`] } }),
      ]);
      const [won, lost] = tally(outcomes);
      expect([won, lost.length], `trial ${trial}`).to.deep.equal([1, 1]);
      const winner = (outcomes.find((outcome) => outcome.status === 'fulfilled') as PromiseFulfilledResult<{ seq: number; tags?: string[] }>).value;
      expect(lost[0]!.currentETag, 'the 412 names the winner’s version').to.equal(`"${winner.seq}"`);
      const events = await a!.port(STORE_TOKENS.events).listForEnrollment(context.workspaceId, enrollment.id, seq);
      expect(events.map((event) => event.seq), 'only the winner’s change is in the log').to.deep.equal([seq + 1]);
      seq = winner.seq;
    }
  });

  it(`lets exactly one of two participation moves with the same If-Match win, ${Math.ceil(trials / 2)} times`, async () => {
    const [a, b] = peersOn(store(), 2);
    const { context, instance } = await a!.tenant();
    const active = await driveToActive(a!, context, await a!.enrollments.create(context, instance.id, suzieWithDevice('SN-etag-2')));
    const pid = active.participation!.id;
    let seq = active.seq;
    for (let trial = 0; trial < Math.ceil(trials / 2); trial++) {
      const raise = { trigger: 'suspension_raised', suspensionReason: 'AWAITING_TELEMETRY' } as const;
      const clear = { trigger: 'suspension_cleared', suspensionReason: 'AWAITING_TELEMETRY' } as const;
      const move = trial % 2 === 0 ? raise : clear;
      const outcomes = await Promise.allSettled([a!.participations.trigger(ifMatch(context, seq), pid, move), b!.participations.trigger(ifMatch(context, seq), pid, move)]);
      const [won, lost] = tally(outcomes);
      expect([won, lost.length], `trial ${trial}`).to.deep.equal([1, 1]);
      seq = (await a!.participations.find(context, pid)).enrollment.seq;
      expect(lost[0]!.currentETag).to.equal(`"${seq}"`);
    }
  });

  it(`lets exactly one of two program instance writers with the same If-Match win, ${trials} times, the loser changing nothing`, async () => {
    const [a, b] = peersOn(store(), 2);
    const { context, instance } = await a!.tenant();
    let version = versionOf(instance);
    for (let trial = 0; trial < trials; trial++) {
      const outcomes = await Promise.allSettled([
        a!.instances.update(ifMatch(context, version), instance.id, { name: `A ${trial}` }),
        b!.instances.update(ifMatch(context, version), instance.id, { name: `B ${trial}` }),
      ]);
      const [won, lost] = tally(outcomes);
      expect([won, lost.length], `trial ${trial}`).to.deep.equal([1, 1]);
      const winner = (outcomes.find((outcome) => outcome.status === 'fulfilled') as PromiseFulfilledResult<{ name: string; version?: number }>).value;
      const stored = await a!.instances.get(context, instance.id);
      expect([stored.name, versionOf(stored)], 'the winner’s change, one version on').to.deep.equal([winner.name, version + 1]);
      expect(lost[0]!.currentETag).to.equal(`"${version + 1}"`);
      version += 1;
    }
  });

  it('applies a change without If-Match, with `*`, or with a list naming the current version; refuses a weak or stale one and writes nothing', async () => {
    const [h] = peersOn(store(), 1);
    const { context, instance } = await h!.tenant();
    const enrollment = await h!.enrollments.create(context, instance.id, suzieWithDevice('SN-etag-3'));
    const plain = await h!.enrollments.update(context, enrollment.id, { changes: { tags: ['plain'] } });
    const any = await h!.enrollments.update({ ...context, ifMatch: { any: true } }, enrollment.id, { changes: { tags: ['any'] } });
    const listed = await h!.enrollments.update({ ...context, ifMatch: { any: false, tags: ['1', String(any.seq)] } }, enrollment.id, { changes: { tags: ['listed'] } });
    expect([plain.seq, any.seq, listed.seq]).to.deep.equal([enrollment.seq + 1, enrollment.seq + 2, enrollment.seq + 3]);
    // A weak tag never matches (If-Match compares strongly): the parsed list holds no tag at all.
    for (const stale of [{ any: false, tags: [] }, { any: false, tags: [String(enrollment.seq)] }] as const) {
      const refused = await h!.enrollments.update({ ...context, ifMatch: stale }, enrollment.id, { changes: { tags: ['refused'] } }).catch((error: unknown) => error);
      expect(refused).to.be.instanceOf(PreconditionFailedError);
      expect((refused as PreconditionFailedError).currentETag).to.equal(`"${listed.seq}"`);
    }
    expect((await h!.enrollments.get(context, enrollment.id)).tags).to.deep.equal(['listed']);
    const deleted = await h!.enrollments.delete(ifMatch(context, enrollment.seq), enrollment.id).catch((error: unknown) => error);
    expect(deleted, 'a stale delete deletes nothing').to.be.instanceOf(PreconditionFailedError);
    await h!.enrollments.delete(ifMatch(context, listed.seq), enrollment.id);
    const gone = await h!.enrollments.update(ifMatch(context, listed.seq + 1), enrollment.id, { changes: { tags: ['late'] } }).catch((error: unknown) => error);
    expect(FlexrollError.is(gone) && gone.kind, 'a deleted enrollment is missing whatever If-Match says (RFC 9110 §13.2.1)').to.equal('not_found');
  });

  it('takes a version over from a writer that stopped between taking it and writing it, once its lease has passed', async () => {
    const [h] = peersOn(store(), 1);
    const { context, instance } = await h!.tenant();
    const claims = h!.port(STORE_TOKENS.claims);
    const now = h!.clock.now();
    const key = `program-instance/${instance.id}/v2`;
    await claims.claim({ id: 'clm_stopped', workspaceId: context.workspaceId, key, ownerId: instance.id, claimedAt: now.toISOString(), leaseUntil: new Date(now.getTime() + 30_000).toISOString() });
    const refused = await h!.instances.update(ifMatch(context, 1), instance.id, { name: 'While the writer may still write' }).catch((error: unknown) => error);
    expect(refused, 'a version taken by a live writer: the change waits its turn').to.be.instanceOf(PreconditionFailedError);
    h!.clock.advance(31_000);
    const updated = await h!.instances.update(ifMatch(context, 1), instance.id, { name: 'After the writer stopped' });
    expect([updated.name, updated.version]).to.deep.equal(['After the writer stopped', 2]);
  });
}
