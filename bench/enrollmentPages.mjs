// (m) Enrollment lists at size: one page of an instance's enrollment list (seed 004's GET
// /programInstances/{id}/enrollments, here at the repository the route calls) with 1,000 and with 100,000 enrollments
// in the instance, on the embedded store and on the MongoDB store (FerretDB on PostgreSQL when started here). Each
// case is the median of BENCH_PAGE_RUNS runs (default 15); the ratio column is the time at 100,000 over the time at
// 1,000, which issue 25 wants at most 1.5×. Baseline: the list as it was read before (one filter, sort, skip, limit
// and a count over the instance), run BENCH_PAGE_LEGACY_RUNS times (default 3; the MongoDB store only).
//
//   node --conditions=flexroll-test bench/enrollmentPages.mjs          (after npm run build:all)
//   BENCH_PAGE_SIZES=1000,20000 node --conditions=flexroll-test bench/enrollmentPages.mjs
import 'reflect-metadata';
import { STORE_TOKENS } from '@flexroll/core';
import { SUZIE_CUSTOMER_INFO } from '@flexroll/core/testing';
import { Container } from 'inversify';
import { isMain, runBenches } from './lib/main.mjs';
import { describeServer, openMongoBenchStore } from './lib/mongo.mjs';
import { printCells } from './lib/report.mjs';
import { openMemoryBenchStore } from './lib/stores.mjs';

const SIZES = (process.env.BENCH_PAGE_SIZES ?? '1000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 15);
const LEGACY_RUNS = Number(process.env.BENCH_PAGE_LEGACY_RUNS ?? 3);
const INSTANCE = 'cllgn0u4r000008l7eazybfbo';
const PER_PAGE = 100;
const LEGACY_LIMIT_MS = 60_000;

/** The cases: a name, a filter and a page number (a function of the list's size). */
const CASES = [
  { name: 'page 1, no filter', filter: {}, page: () => 1 },
  { name: 'middle page, no filter', filter: {}, page: (size) => Math.max(1, Math.floor(size / PER_PAGE / 2)) },
  { name: 'page 1, status=candidate (60%)', filter: { statuses: ['candidate'] }, page: () => 1 },
  { name: 'page 1, status=approved (1%)', filter: { statuses: ['approved'] }, page: () => 1 },
  { name: 'page 1, tags=vip (2%)', filter: { tags: ['vip'] }, page: () => 1 },
  { name: 'page 1, status=eligible & tags=tag1', filter: { statuses: ['eligible'], tags: ['tag1'] }, page: () => 1 },
  { name: 'page 1, another process (cold)', filter: {}, page: () => 1, cold: true },
];

export async function enrollmentPages({ mongo }) {
  const results = [];
  results.push(...(await onStore('store-memory', () => openMemoryBenchStore(), false)));
  if (mongo?.uri !== undefined) {
    const probe = await openMongoBenchStore(mongo, 'probe');
    const label = `store-mongo on ${await describeServer(probe.connection)} (${mongo.source})`;
    await probe.close();
    results.push(...(await onStore(label, () => openMongoBenchStore(mongo, 'pages'), true)));
  } else process.stdout.write(`\nstore-mongo SKIPPED: ${mongo?.skipReason ?? 'no MongoDB was provided'}\n`);
  for (const { label, rows } of results) {
    const header = ['case', ...SIZES.map((size) => `${size.toLocaleString('en-US')} ms`), `${SIZES.at(-1).toLocaleString('en-US')} ÷ ${SIZES[0].toLocaleString('en-US')}`];
    printCells(`(m) One page of 100 of an instance's enrollments — ${label}`, header, rows.map((row) => [
      row.name, ...row.times.map(cell), row.times[0] === undefined ? '–' : Number.isFinite(row.times.at(-1)) ? `${(row.times.at(-1) / row.times[0]).toFixed(2)}×` : '–',
    ]), [`median of ${RUNS} runs each (legacy: ${LEGACY_RUNS}); perPage ${PER_PAGE}; one instance holding every enrollment of the workspace`]);
  }
}

async function onStore(label, open, withLegacy) {
  const rows = new Map([...CASES, ...(withLegacy ? [{ name: 'baseline: the old query (filter, sort, skip, limit, count)', legacy: true, filter: {}, page: () => 1 }] : [])].map((item) => [item.name, { name: item.name, times: [] }]));
  for (const [index, size] of SIZES.entries()) {
    const store = await open();
    try {
      const ws = `ws_pages_${size}`;
      const seeded = Date.now();
      await seed(store, ws, size);
      process.stderr.write(`${label}: seeded ${size} enrollments in ${((Date.now() - seeded) / 1000).toFixed(1)} s\n`);
      const repository = portsOf(store).enrollments;
      for (const item of CASES) {
        const request = { page: item.page(size), perPage: PER_PAGE };
        const times = [];
        for (let run = 0; run < RUNS; run++) {
          const reader = item.cold === true ? portsOf(store).enrollments : repository;
          const started = process.hrtime.bigint();
          const page = await reader.list(ws, { ...item.filter, programInstanceId: INSTANCE }, request);
          times.push(Number(process.hrtime.bigint() - started) / 1e6);
          if (page.data.length === 0 && page.totalItems > 0) throw new Error(`${item.name}: an empty page of ${page.totalItems}`);
        }
        rows.get(item.name).times[index] = median(times);
        process.stderr.write(`${label} at ${size}: ${item.name} ${median(times).toFixed(2)} ms\n`);
      }
      if (withLegacy) {
        const model = store.connection.model('Enrollment');
        const times = [];
        for (let run = 0; run < LEGACY_RUNS; run++) {
          const started = process.hrtime.bigint();
          const filter = { workspaceId: ws, programInstanceId: INSTANCE, deletedAt: { $exists: false } };
          try {
            // The store gives up on an answer after 20 s (its socket timeout); the old query at 100,000 may take longer.
            await Promise.all([
              model.find(filter).sort({ createdAt: 1, _id: 1 }).skip(0).limit(PER_PAGE).maxTimeMS(LEGACY_LIMIT_MS).lean(),
              model.countDocuments(filter).maxTimeMS(LEGACY_LIMIT_MS),
            ]);
            times.push(Number(process.hrtime.bigint() - started) / 1e6);
          } catch (error) {
            process.stderr.write(`${label} at ${size}: the old query failed after ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s (${error.message})\n`);
            times.push(Number.POSITIVE_INFINITY);
            break;
          }
        }
        rows.get('baseline: the old query (filter, sort, skip, limit, count)').times[index] = median(times);
        process.stderr.write(`${label} at ${size}: the old query ${median(times).toFixed(2)} ms\n`);
      }
    } finally {
      await store.close();
    }
  }
  return [{ label, rows: [...rows.values()] }];
}

/** `size` enrollments saved in chunks of 500, as an import saves them: 60% candidate, 25% eligible, 1% approved, … */
async function seed(store, workspaceId, size) {
  const repository = portsOf(store).enrollments;
  const at = Date.parse('2026-01-01T00:00:00.000Z');
  for (let start = 0; start < size; start += 500) {
    const chunk = [];
    for (let n = start; n < Math.min(size, start + 500); n++) {
      const roll = n % 100;
      const status = roll < 60 ? 'candidate' : roll < 85 ? 'eligible' : roll < 95 ? 'ineligible' : roll < 96 ? 'approved' : 'submitted';
      const createdAt = new Date(at + n * 1000).toISOString();
      chunk.push({
        ...SUZIE_CUSTOMER_INFO, id: `enr_${workspaceId}_${n}`, workspaceId, programInstanceId: INSTANCE, referenceId: `REF-${n}`,
        tags: n % 50 === 7 ? ['tag1', 'vip'] : n % 3 === 0 ? ['tag1'] : ['tag2'], eligibility: { status }, seq: 1, createdAt, updatedAt: createdAt,
      });
    }
    await repository.saveMany(chunk);
  }
}

function portsOf(store) {
  const container = new Container();
  container.load(store.module());
  return { enrollments: container.get(STORE_TOKENS.enrollments) };
}

/** A time in ms; a query that did not answer is shown as longer than the store waits (its 20 s socket timeout). */
function cell(ms) {
  if (ms === undefined) return '–';
  return Number.isFinite(ms) ? ms.toFixed(2) : '> 20,000 (gave up)';
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

if (isMain(import.meta.url)) await runBenches([enrollmentPages], { needsMongo: true, watchdogMs: 60 * 60_000 });
