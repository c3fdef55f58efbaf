// (g) Submissions: what reconciling a provider's submission costs, against firing the same trigger directly.
//
// Baseline: a suspension raised and cleared in turn through ParticipationService.trigger (one event each). Case 1:
// the same two changes as seed 002 submissions (SUSPENDED [OPERATOR_REQUEST], then ACTIVE), planned by the SDK's
// planSubmission and appended the same way. Case 2: seed 002's pause sent again to a participation already paused
// for it — a retry, or a client syncing its full state — which plans nothing and appends nothing. Each case has
// its own ACTIVE participation; the three run in five alternating rounds on each store.
//
//   node bench/submissions.mjs        (after npm run build:all)
import 'reflect-metadata';
import { createWithDevice, driveToActive, newHarness } from './lib/harness.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { compare, lanes } from './lib/measure.mjs';
import { printTable } from './lib/report.mjs';
import { onEachStore } from './lib/stores.mjs';

const PLANS = {
  memory: { iterations: 2000, warmup: 200, rounds: 5 },
  mongo: { iterations: 100, warmup: 10, rounds: 5 },
};
const PAUSE = { vocabulary: 'v1', entries: [{ state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST'] }] };
const RESUME = { vocabulary: 'v1', entries: [{ state: 'ACTIVE' }] };

export async function submissions({ mongo }) {
  await onEachStore('(g) Submissions', mongo, async (kind, label, fresh) => {
    const h = newHarness((await fresh()).module());
    const { context, instance } = await h.tenant();
    const active = async (serial) => {
      const enrollment = await createWithDevice(h, context, instance, `submissions-${serial}`);
      await driveToActive(h, context, enrollment);
      return enrollment.participation.id;
    };
    const [triggered, submitted, repeated] = [await active(1), await active(2), await active(3)];
    await h.participations.submitStates(context, repeated, PAUSE);

    const [baseline, reconciled, retried] = await compare([
      lanes((index) => h.participations.trigger(context, triggered, { trigger: index % 2 === 0 ? 'suspension_raised' : 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' })),
      lanes((index) => h.participations.submitStates(context, submitted, index % 2 === 0 ? PAUSE : RESUME)),
      lanes(() => h.participations.submitStates(context, repeated, PAUSE)),
    ], PLANS[kind]);

    printTable(`(g) Submissions on ${label}: one change per call, against the trigger that makes it`, [
      { name: 'trigger suspension_raised / suspension_cleared (baseline)', result: baseline, extra: { 'events per call': 1 } },
      { name: 'submit SUSPENDED [OPERATOR_REQUEST] / ACTIVE (planned)', result: reconciled, extra: { 'events per call': 1 } },
      { name: 'submit SUSPENDED [OPERATOR_REQUEST] again (nothing to do)', result: retried, extra: { 'events per call': 0 } },
    ]);
  });
}

if (isMain(import.meta.url)) await runBenches([submissions], { needsMongo: true });
