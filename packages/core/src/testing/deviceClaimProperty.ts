import { expect } from 'chai';
import fc from 'fast-check';
import type { Enrollment } from '../enrollments/Enrollment.js';
import { suzieWithDevice } from '../seeds/seedExamples.js';
import { activeBySerial, doubled, ineligibleWithDevice, isDeviceRefusal, peersOn, raceTrials, SOAKING } from './devices.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const SERIALS = ['SN-A', 'SN-B'] as const;

/** One move a client or operator makes on a device's enrollments; `pick` chooses among the enrollments known so far. */
type Move =
  | { readonly kind: 'create'; readonly serial: number }
  | { readonly kind: 'reenroll' | 'return' | 'delete' | 'finish'; readonly pick: number };

const move: fc.Arbitrary<Move> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), serial: fc.integer({ min: 0, max: SERIALS.length - 1 }) }),
  fc.record({ kind: fc.constantFrom('reenroll' as const, 'return' as const, 'delete' as const, 'finish' as const), pick: fc.nat() }),
);

/**
 * The invariant as a property: whatever batch of creates, re-enrollments, returns to candidate, deletions and
 * finishes runs at once, through two processes, no device ends up with two active enrollments.
 */
export function deviceClaimProperty(storeName: string, store: () => StoreUnderTest): void {
  const runs = raceTrials(storeName, { memory: 8, mongo: 1 });
  it(`holds "one active enrollment per device" under any interleaving of creates, re-enrollments, returns and deletes (${runs} runs)`, async function () {
    if (SOAKING) this.timeout(0);
    const peers = peersOn(store(), 2, { contentionBudgetMs: 300 });
    const { context, instance } = await peers[0]!.tenant();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 4, maxLength: 12 }), async (moves) => {
        run++;
        const serial = (n: number) => `${SERIALS[n]!}-${run}`;
        const known: Enrollment[] = [];
        for (const [n] of SERIALS.entries()) known.push(await ineligibleWithDevice(peers[0]!, context, instance.id, serial(n)));
        const outcomes = await Promise.allSettled(
          moves.map((m, index) => {
            const h = peers[index % peers.length]!;
            if (m.kind === 'create') return h.enrollments.create(context, instance.id, suzieWithDevice(serial(m.serial)));
            const target = known[m.pick % known.length]!;
            if (m.kind === 'reenroll') return h.enrollments.create(context, instance.id, { identificationType: 'enrollmentId', enrollmentId: target.id });
            if (m.kind === 'return') return h.enrollments.update(context, target.id, { changes: { address: { ...target.address!, streetOne: `${index} Moved St` } } });
            if (m.kind === 'finish') return h.enrollments.update(context, target.id, { status: 'ineligible', reason: 'Outside service area' });
            return h.enrollments.delete(context, target.id);
          }),
        );
        const unexpected = outcomes.flatMap((outcome) => (outcome.status === 'rejected' && !isDeviceRefusal(outcome.reason) && !isRuleRefusal(outcome.reason) ? [String(outcome.reason)] : []));
        expect(unexpected, 'refusals are device conflicts or the rules of the state machines').to.deep.equal([]);
        const created = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' && outcome.value !== undefined ? [(outcome.value).id] : []));
        expect(doubled(await activeBySerial(peers[0]!, context, instance.id, created))).to.deep.equal([]);
      }),
      { numRuns: runs },
    );
  });
}

/** An illegal move (finishing what is finished) or a vanished record (deleted by another move of the batch). */
function isRuleRefusal(reason: unknown): boolean {
  const kind = (reason as { kind?: unknown } | null)?.kind;
  return kind === 'illegal_transition' || kind === 'not_found' || kind === 'input';
}
