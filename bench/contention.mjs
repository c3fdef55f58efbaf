// (b) Write path under contention. K concurrent writers each make a share of W writes to ONE enrollment, against
// the baseline of the same W writes by K writers on K different enrollments (one each). Every write goes through
// ParticipationService like an operator's report of its native state: one `participation.updated` event, appended
// with the next `seq`. The unique (enrollmentId, seq) insert is the only guard, so on one enrollment the losers of
// each race decide again on the newer state; the "lost appends" column counts the heads the store refused as
// duplicates (each one a retry), counted by wrapping the event repository.
//
// Why operator-state reports and not suspension triggers: with only five suspension reasons, most of K racing
// raise/clear triggers are refused as illegal transitions once re-decided on the newer state, which would measure
// refusals, not appends. A native-state report is legal in any state, so every write appends exactly one event.
//
// The K writers are spread over two harnesses on the same store (two processes on one database). Every case
// starts on an empty store of its own, so that no case pays for the records an earlier one left (FerretDB v1 scans
// collections for these queries; see docs/performance.md). The pair for each K runs in alternating rounds (four on
// the embedded store, two on MongoDB) after both warmed up: measured one after the other, whichever ran first was
// up to 40% slower on identical work. Each round starts its K writers together, a burst of its own.
//
// On MongoDB fewer writes are made per case (FerretDB v1 on SQLite answers tens of writes per second, not
// thousands); BENCH_MONGO_WRITERS=1,10 leaves out the slowest case, 50 writers (about half a minute there).
//
//   node bench/contention.mjs        (after npm run build)
import 'reflect-metadata';
import { countAppends, createWithDevice, newHarness } from './lib/harness.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { compare, lanes } from './lib/measure.mjs';
import { printTable } from './lib/report.mjs';
import { onEachStore } from './lib/stores.mjs';

const WRITERS = {
  memory: [1, 10, 50],
  mongo: (process.env.BENCH_MONGO_WRITERS ?? '1,10,50').split(',').map(Number),
};
const PLANS = {
  memory: () => ({ iterations: 2000, warmup: 500, rounds: 4 }),
  mongo: (k) => ({ iterations: Math.max(60, 2 * k), warmup: 6, rounds: 2 }),
};

export async function contention({ mongo }) {
  await onEachStore('(b) Write path under contention', mongo, async (kind, label, fresh) => {
    const rows = [];
    for (const k of WRITERS[kind]) {
      const plan = PLANS[kind](k);
      const writers = `${k} writer${k === 1 ? '' : 's'}`;
      const spread = await prepare(await fresh(), k);
      const shared = await prepare(await fresh(), 1);
      const write = ({ processes, context, participationIds }) => lanes(
        (index, lane) => processes[lane % 2].participations.recordOperatorState(context, participationIds[lane % participationIds.length], `NATIVE_${index}`),
        k,
      );
      const results = await compare([write(spread), write(shared)], plan);
      for (const [shape, setup, result] of [['K enrollments', spread, results[0]], ['ONE enrollment', shared, results[1]]]) {
        const lost = setup.lostAppends();
        rows.push({
          name: `${writers}, ${shape}`,
          result,
          ...(shape === 'ONE enrollment' ? { baseline: `${writers}, K enrollments` } : {}),
          extra: { 'lost appends': lost, 'lost per write': (lost / (plan.iterations + plan.warmup)).toFixed(2) },
        });
      }
    }
    printTable(`(b) Write path under contention on ${label}`, rows, [
      'Each ONE-enrollment row is compared with the K-enrollments row above it, measured in alternating rounds; each',
      'ran on an empty store of its own. The 1-writer pair is the same work twice: its ratio shows the noise.',
      '"lost appends" counts the heads refused as duplicates of (enrollmentId, seq), warm-up writes included, and',
      '"lost per write" divides it by all writes made. A write that loses 100 times (maxAppendAttempts) answers 409',
      'enrollment_contended and is listed as failed.',
    ]);
  });
}

/** Two processes on an empty store, a tenant, and `count` enrollments with a device; appends counted from here on. */
async function prepare(store, count) {
  const first = newHarness(store.module());
  const processes = [first, newHarness(store.module(), { clock: first.clock })];
  const counters = processes.map(countAppends);
  const { context, instance } = await first.tenant();
  const participationIds = [];
  for (let n = 0; n < count; n++) participationIds.push((await createWithDevice(first, context, instance, `writer-${n}`)).participation.id);
  const lostAppends = () => counters.reduce((sum, counter) => sum + counter.duplicates, 0);
  return { processes, lostAppends, context, participationIds };
}

if (isMain(import.meta.url)) await runBenches([contention], { needsMongo: true });
