// (o) Worker passes that touch only what is due (issue 25, ADR 0019). An idle sweep pass and an idle operator-poll
// pass, at 1,000 and at 100,000 enrollments of one workspace, on the embedded store and on MongoDB: the time of one
// pass and the enrollment documents it read, with the ratio of the pass at 100,000 to the pass at 1,000 (the issue
// asks for at most 1.5×).
//
// Seeding uses the repositories directly: one real enrollment is driven to ACTIVE through the core, then copied N
// times (new ids) and saved in bulk with due keys the core's DueMoments works out, their telemetry spread over the
// last 23 hours (so their reviews fall due between 1 and 24 hours on) and their polls due from an hour on. A pass is
// idle when nothing is due: each pass moves the manual clock one minute and a second on, as a worker's passes would.
//
//   node bench/sweepPasses.mjs            (after npm run build:all; MONGODB_URI to use a MongoDB of your own)
//   BENCH_SWEEP_SIZES=1000,10000,100000 BENCH_SWEEP_MONGO_SIZES=1000,20000 node bench/sweepPasses.mjs
//
// For comparison it also times, at the smaller sizes (BENCH_SWEEP_OLD_UP_TO, BENCH_SWEEP_MONGO_OLD_UP_TO), the listing
// each sweep pass made before: every enrollment in a reviewed state, page by page.
import 'reflect-metadata';
import { defineAdapter, PARTICIPATING_STATES, SDK_VERSION } from '@flexroll/sdk';
import { DueMoments, STORE_TOKENS, dueKeysOf } from '@flexroll/core';
import manualAdapter from '@flexroll/plugin-manual';
import { createWithDevice, driveToActive, newHarness } from './lib/harness.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { vacuumAnalyze } from './lib/vacuumAnalyze.mjs';
import { printCells } from './lib/report.mjs';
import { onEachStore } from './lib/stores.mjs';

const SIZES = {
  memory: (process.env.BENCH_SWEEP_SIZES ?? '1000,10000,100000').split(',').map(Number),
  mongo: (process.env.BENCH_SWEEP_MONGO_SIZES ?? '1000,10000,100000').split(',').map(Number),
};
const PASSES = { memory: 20, mongo: 10 };
/**
 * The largest workspace whose old full listing (what each sweep pass read before ADR 0019) is timed, for comparison:
 * its pages cost the workspace's size each, so the whole listing grows with its square (minutes at 100,000).
 */
const OLD_LISTING_UP_TO = { memory: Number(process.env.BENCH_SWEEP_OLD_UP_TO ?? 10_000), mongo: Number(process.env.BENCH_SWEEP_MONGO_OLD_UP_TO ?? 1000) };
const CHUNK = 1000;
const HOUR = 3_600_000;

/** The reference adapter, pollable: a sync that reports nothing new. */
const pollable = defineAdapter({
  ...manualAdapter,
  manifest: { ...manualAdapter.manifest, id: 'bench-polled', sdkVersion: `^${SDK_VERSION}` },
  syncMany: () => ({}),
});

export async function sweepPasses({ mongo }) {
  await onEachStore('(o) Idle worker passes: sweep and operator poll', mongo, async (kind, label, fresh) => {
    const rows = [];
    const measured = {};
    for (const size of SIZES[kind]) {
      const store = await fresh();
      const { h, reads } = await seed(store, size);
      if (kind === 'mongo' && mongo.postgresUrl !== undefined) await vacuumAnalyze(mongo.postgresUrl);
      if (size <= OLD_LISTING_UP_TO[kind]) {
        const projections = h.port(STORE_TOKENS.enrollments);
        const started = process.hrtime.bigint();
        let documents = 0;
        for (let page = 1; ; page++) {
          const found = await projections.list(h.workspaceId, { participationStates: [...PARTICIPATING_STATES, 'WINDING_DOWN'] }, { page, perPage: 100 });
          documents += found.data.length;
          if (page >= found.totalPages) break;
        }
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        rows.push([`before: the old sweep's listing alone, ${size.toLocaleString('en')} enrollments`, `${ms.toFixed(2)} ms`, String(Math.ceil(documents / 100)), String(documents), '']);
      }
      for (const [pass, task] of [['sweep', h.sweeps], ['operator poll', h.polling]]) {
        await task.runOnce(); // sets its cursor
        const times = [];
        reads.documents = 0;
        reads.queries = 0;
        for (let run = 0; run < PASSES[kind]; run++) {
          h.clock.advance(61_000);
          const started = process.hrtime.bigint();
          await task.runOnce();
          times.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
        measured[`${pass}@${size}`] = median;
        const base = measured[`${pass}@${SIZES[kind][0]}`];
        rows.push([
          `${pass}, ${size.toLocaleString('en')} enrollments`,
          `${median.toFixed(2)} ms`,
          (reads.queries / PASSES[kind]).toFixed(1),
          String(reads.documents),
          size === SIZES[kind][0] ? '1.00× (baseline)' : `${(median / base).toFixed(2)}×`,
        ]);
      }
    }
    printCells(`(o) Idle worker passes — ${label}`, ['pass', 'median time of one pass', 'enrollment queries per pass', 'enrollment documents read', `vs ${SIZES[kind][0].toLocaleString('en')}`], rows, [
      `Median of ${PASSES[kind]} idle passes, each a minute and a second after the last; the store holds one workspace.`,
      'A pass asks only for the due buckets since its cursor (a few equalities on indexed top-level keys), so its cost does not follow the workspace’s size.',
    ]);
  });
}

/** A harness whose enrollment queries are counted, and a workspace of `size` ACTIVE enrollments, none of them due. */
async function seed(store, size) {
  const h = newHarness(store.module(), { adapters: [pollable], settings: { projectionRepairWindowMs: 60_000 } });
  const reads = countReads(h);
  const { context, instance } = await h.tenant();
  await h.sweeps.runOnce(); // the workspace's first, full pass, while it is empty
  const model = await driveToActive(h, context, await createWithDevice(h, context, instance, 'model'));
  h.clock.advance(2 * 60_000); // the model's own events out of the repair window
  const due = h.container.get(DueMoments);
  const projections = h.port(STORE_TOKENS.enrollments);
  const now = h.clock.now().getTime();
  for (let start = 0; start < size; start += CHUNK) {
    const copies = [];
    const keys = [];
    for (let n = start; n < Math.min(size, start + CHUNK); n++) {
      const telemetryAt = new Date(now - ((n * 7919) % (23 * HOUR))).toISOString();
      const copy = {
        ...model,
        id: `enr_bench_${n}`,
        serialNumber: `bench-${n}`,
        participation: { ...model.participation, id: `par_bench_${n}`, lastTelemetryAt: telemetryAt },
      };
      const review = await due.keysFor(copy, { instance });
      copies.push(copy);
      keys.push({ ...review, ...pollKeys(instance, now + HOUR + ((n * 104729) % (30 * 60_000))) });
    }
    await projections.saveMany(copies, keys);
  }
  const modelKeys = await due.keysFor(model, { instance });
  await projections.reschedule(model.workspaceId, model.id, model.seq, { ...modelKeys, ...pollKeys(instance, now + HOUR) });
  h.workspaceId = instance.workspaceId;
  return { h, reads };
}

function pollKeys(instance, at) {
  const { pollMinute, pollHour, pollDay } = dueKeysOf(instance, undefined, at);
  return { pollMinute, pollHour, pollDay };
}

/** Counts the enrollment port's reading queries and the documents they return (call before any service is made). */
function countReads(h) {
  const real = h.port(STORE_TOKENS.enrollments);
  const reads = { queries: 0, documents: 0 };
  const reading = new Set(['get', 'list', 'listIds', 'listDue', 'findByParticipationId', 'findBySerialNumber']);
  h.replacePort(STORE_TOKENS.enrollments, new Proxy(real, {
    get: (target, key) => {
      const value = target[key];
      if (typeof value !== 'function') return value;
      if (!reading.has(key)) return value.bind(target);
      return async (...args) => {
        const result = await value.apply(target, args);
        reads.queries++;
        reads.documents += Array.isArray(result) ? result.length : Array.isArray(result?.data) ? result.data.length : result === undefined ? 0 : 1;
        return result;
      };
    },
  }));
  return reads;
}

if (isMain(import.meta.url)) await runBenches([sweepPasses], { needsMongo: true, watchdogMs: 40 * 60_000 });
