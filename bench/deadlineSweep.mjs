// (s) The deadline sweep (issue 20, ADR 0023). One workspace holds N open participations in AWAITING_CONSENT, each
// with its deadline; 1 % of them pass their expectedAt between two sweep passes. Measured in the same run:
//   - the sweep pass that announces those misses (`participation.deadline_missed`, one event per deadline), against a
//     bare indexed find of the same due documents: the very bucket queries the pass made, replayed on the collection
//     with nothing decoded into enrollments and nothing written;
//   - an idle pass (nothing due), against the bare finds of its (empty) buckets.
//
// Seeding uses the repositories directly, as bench/sweepPasses.mjs does: one real enrollment is moved to
// AWAITING_CONSENT through the core, then copied N times (new ids, deadlines entered at spread times) and saved in bulk
// with the due keys the core's DueMoments works out, and their queue records.
//
//   node --conditions=flexroll-test bench/deadlineSweep.mjs      (after npm run build:all)
//   BENCH_DEADLINE_SIZES=1000,100000 BENCH_DEADLINE_MONGO_SIZES=1000,100000 node --conditions=flexroll-test bench/deadlineSweep.mjs
import 'reflect-metadata';
import { DueMoments, deadlineRecordsOf, STORE_TOKENS } from '@flexroll/core';
import { createWithDevice, newHarness } from './lib/harness.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { vacuumAnalyze } from './lib/vacuumAnalyze.mjs';
import { formatRatio, printCells } from './lib/report.mjs';
import { onEachStore } from './lib/stores.mjs';

const SIZES = {
  memory: (process.env.BENCH_DEADLINE_SIZES ?? '1000,100000').split(',').map(Number),
  mongo: (process.env.BENCH_DEADLINE_MONGO_SIZES ?? '1000,100000').split(',').map(Number),
};
const IDLE_PASSES = { memory: 20, mongo: 10 };
const CHUNK = 500;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** AWAITING_CONSENT's expected duration in the bench instance; no lead time, so the only alert is the miss. */
const CONSENT = 'P3D';

export async function deadlineSweep({ mongo }) {
  await onEachStore('(s) The deadline sweep', mongo, async (kind, label, fresh) => {
    const rows = [];
    for (const size of SIZES[kind]) {
      const store = await fresh();
      const { h, listed, workspaceId, dueKeys } = await seed(store, size);
      if (kind === 'mongo' && mongo.postgresUrl !== undefined) await vacuumAnalyze(mongo.postgresUrl);
      const bareFind = bareFinder(kind, store, h);

      // The baseline first (the pass moves the due documents to later buckets): one equality per minute bucket the
      // due documents sit in, by the key the pass reads them by.
      const dueQueries = [...new Set(dueKeys)].map((value) => ({ workspaceId, field: 'reviewMinute', value }));
      let started = process.hrtime.bigint();
      let found = 0;
      for (const query of dueQueries) found += await bareFind(query);
      const findMs = Number(process.hrtime.bigint() - started) / 1e6;
      // The due pass: the clock moves 6 minutes on, past the expectedAt of the 1 %.
      h.clock.advance(6 * MINUTE);
      started = process.hrtime.bigint();
      const report = await h.sweeps.sweep();
      const sweepMs = Number(process.hrtime.bigint() - started) / 1e6;
      const missed = await countMissed(h, workspaceId);
      rows.push([`${size.toLocaleString('en')}: the pass that announces ${report.applied.toLocaleString('en')} misses`, `${sweepMs.toFixed(1)} ms`, `${findMs.toFixed(1)} ms (${found.toLocaleString('en')} documents, ${dueQueries.length} queries)`, formatRatio(sweepMs / findMs), `${missed.toLocaleString('en')} missed events in the log`]);

      // Idle passes: each a minute and a second after the last, nothing due.
      const sweeps = [];
      const finds = [];
      for (let pass = 0; pass < IDLE_PASSES[kind]; pass++) {
        h.clock.advance(61_000);
        listed.calls.length = 0;
        started = process.hrtime.bigint();
        await h.sweeps.sweep();
        sweeps.push(Number(process.hrtime.bigint() - started) / 1e6);
        const queries = [...listed.calls];
        started = process.hrtime.bigint();
        for (const query of queries) await bareFind(query);
        finds.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      const sweepIdle = median(sweeps);
      const findIdle = median(finds);
      rows.push([`${size.toLocaleString('en')}: an idle pass (median of ${IDLE_PASSES[kind]})`, `${sweepIdle.toFixed(2)} ms`, `${findIdle.toFixed(2)} ms`, formatRatio(sweepIdle / findIdle), '']);
    }
    printCells(`(s) The deadline sweep — ${label}`, ['case', 'sweep pass', 'bare find of the same due documents', 'ratio', 'check'], rows, [
      'One workspace; every participation waits in AWAITING_CONSENT with an open deadline; 1 % pass expectedAt between two passes.',
      'Baselines, bare (decoding nothing into enrollments, writing nothing): for the due pass, one equality per minute bucket the due documents sit in; for an idle pass, the bucket queries it made.',
      'The due pass also appends one event per miss, and writes the projection and the queue record of each, through the log.',
    ]);
  });
}

/**
 * A harness whose bucket reads are recorded, and one workspace of `size` participations in AWAITING_CONSENT, 1 % of
 * them expected within the next 5 minutes and the rest 1 to 3 days on.
 */
async function seed(store, size) {
  const h = newHarness(store.module(), { settings: { projectionRepairWindowMs: 60_000 } });
  const listed = recordDueReads(h);
  const { context, instance } = await h.tenant('Leap Energy', { expectedDurations: { AWAITING_CONSENT: CONSENT }, deadlines: { leadTime: 'PT0S' } });
  await h.sweeps.sweep(); // the workspace's first, full pass, while it is empty
  const created = await createWithDevice(h, context, instance, 'model');
  const model = (await h.participations.trigger(context, created.participation.id, { trigger: 'consent_requested' })).enrollment;
  h.clock.advance(2 * MINUTE); // the model's own events out of the repair window
  const due = h.container.get(DueMoments);
  const projections = h.port(STORE_TOKENS.enrollments);
  const deadlines = h.port(STORE_TOKENS.deadlines);
  const now = h.clock.now().getTime();
  const open = model.participation.deadlines.open;
  const dueKeys = [];
  for (let start = 0; start < size; start += CHUNK) {
    const copies = [];
    const keys = [];
    for (let n = start; n < Math.min(size, start + CHUNK); n++) {
      // 1 in 100 falls due within 5 minutes; the others between 1 and 3 days on.
      const expectedAt = n % 100 === 0 ? now + MINUTE + ((n * 7919) % (4 * MINUTE)) : now + DAY + ((n * 104729) % (2 * DAY));
      const enteredAt = new Date(expectedAt - 3 * DAY).toISOString();
      const copy = {
        ...model,
        id: `enr_bench_${n}`,
        serialNumber: `bench-${n}`,
        participation: {
          ...model.participation,
          id: `par_bench_${n}`,
          history: [...model.participation.history.slice(0, -1), { ...model.participation.history.at(-1), occurredAt: enteredAt }],
          deadlines: { open: { ...open, id: `dl_bench_${n}`, enteredAt, expectedAt: new Date(expectedAt).toISOString() } },
        },
      };
      copies.push(copy);
      const copyKeys = await due.keysFor(copy, { instance });
      keys.push(copyKeys);
      if (n % 100 === 0) dueKeys.push(copyKeys.reviewMinute);
    }
    await deadlines.write(copies.flatMap((copy) => deadlineRecordsOf(copy)));
    await projections.saveMany(copies, keys);
  }
  return { h, listed, workspaceId: instance.workspaceId, dueKeys };
}

/** Records every `listDue(workspaceId, field, value)` the services make (call before any service is made). */
function recordDueReads(h) {
  const real = h.port(STORE_TOKENS.enrollments);
  const listed = { calls: [] };
  h.replacePort(STORE_TOKENS.enrollments, new Proxy(real, {
    get: (target, key) => {
      const value = target[key];
      if (typeof value !== 'function') return value;
      if (key !== 'listDue') return value.bind(target);
      return async (workspaceId, field, bucket) => {
        listed.calls.push({ workspaceId, field, value: bucket });
        return value.call(target, workspaceId, field, bucket);
      };
    },
  }));
  return listed;
}

/** The baseline: one bucket query, bare — on MongoDB the driver's find on the collection; embedded, the store's own listDue. */
function bareFinder(kind, store, h) {
  if (kind === 'mongo') {
    const collection = store.connection.db.collection('enrollments');
    return async ({ field, value }) => (await collection.find({ [field]: value }).toArray()).length;
  }
  const projections = h.port(STORE_TOKENS.enrollments);
  return async ({ workspaceId, field, value }) => (await projections.listDue(workspaceId, field, value)).length;
}

async function countMissed(h, workspaceId) {
  const events = h.port(STORE_TOKENS.events);
  let count = 0;
  let after;
  for (;;) {
    const window = await events.list(workspaceId, { types: ['participation.deadline_missed'] }, { ...(after === undefined ? {} : { after }), skip: 0, take: 1000, scanLimit: 1_000_000 });
    count += window.items.length;
    if (window.ended || window.resumeAfter === undefined) return count;
    after = window.resumeAfter;
  }
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

if (isMain(import.meta.url)) await runBenches([deadlineSweep], { needsMongo: true, watchdogMs: 60 * 60_000 });
