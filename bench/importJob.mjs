// (i) Import and screening as a job: BENCH_IMPORT_ROWS candidates (default 20,000; the full run is 100,000)
// of seed 004's shape in a CSV file, streamed from disk into JobService.receiveImport and run by the JobRunner — the
// same path `POST /programInstances/{id}/imports` and `flexroll worker` take — with eligibility rules (territory,
// manufacturers, a required field), so every row is created AND screened: 80% to eligible (with its notification),
// 20% to ineligible. Baseline: a bare driver insertMany (1,000 per call, unordered) of the same enrollment documents
// the import leaves, into a fresh database of the same store (same indexes). Peak resident memory is sampled every
// 20 ms while the job streams.
//
//   node bench/importJob.mjs                         (after npm run build:all)
//   BENCH_IMPORT_ROWS=100000 node bench/importJob.mjs
import 'reflect-metadata';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JobRunner, JobService, STORE_TOKENS } from '@flexroll/core';
import { newHarness } from './lib/harness.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { describeServer, openMongoBenchStore } from './lib/mongo.mjs';
import { openMemoryBenchStore } from './lib/stores.mjs';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);
const RULES = { allowedManufacturers: ['tesla', 'enphase'], serviceTerritory: { countries: ['USA'], postalCodePrefixes: ['100', '101', '102'] }, requiredFields: ['email'] };

export async function importJob({ mongo }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flexroll-bench-import-'));
  const file = path.join(dir, 'candidates.csv');
  try {
    await writeCandidates(file, ROWS);
    const rows = [];
    // MongoDB first, so that its peak memory is the job's own, not what the embedded store's run left in the heap.
    if (mongo?.uri === undefined) process.stdout.write(`\nstore-mongo SKIPPED: ${mongo?.skipReason ?? 'no MongoDB was provided'}\n`);
    else {
      const store = await openMongoBenchStore(mongo, 'import');
      const label = `store-mongo on ${await describeServer(store.connection)} (${mongo.source})`;
      try {
        rows.push(...(await onStore(label, store, file, (documents) => bareMongo(mongo, documents), ROWS, process.env.BENCH_IMPORT_ALL_DOCUMENTS === '1' ? mongo : undefined)));
      } finally {
        await store.close();
      }
    }
    // The embedded store keeps every row's enrollment and events in this process: at most 20,000 rows here.
    const memoryRows = Math.min(ROWS, 20_000);
    if (memoryRows < ROWS) await writeCandidates(file, memoryRows);
    rows.push(...(await onStore('store-memory', openMemoryBenchStore(), file, async (documents) => bareMemory(documents), memoryRows)));
    printRows(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The job on one store, then the bare insertMany of the documents it left; two rows of the table. */
async function onStore(label, store, file, bare, rowCount = ROWS, captureFor = undefined) {
  const h = newHarness(store.module());
  const written = captureFor === undefined ? undefined : captureWrites(h);
  const { context, instance } = await h.tenant('Bench workspace', { eligibilityRules: RULES });
  const jobs = h.container.get(JobService);
  const runner = h.container.get(JobRunner);
  const memory = sampleMemory();
  const started = process.hrtime.bigint();
  let job = await jobs.receiveImport(context, instance.id, { format: 'csv', body: createReadStream(file, { highWaterMark: 64 * 1024 }) });
  while (job.open) {
    await runner.runOnce();
    job = await jobs.get(context, job.id);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = memory.stop();
  if (job.counts.created !== rowCount) throw new Error(`the job created ${job.counts.created} of ${rowCount}: ${JSON.stringify(job.counts)}`);
  const documents = enrollmentDocuments(context.workspaceId, instance.id, rowCount);
  const bareSeconds = await bare(documents);
  const everything = written === undefined ? [] : [{ store: label, name: `bare insertMany of every document the job wrote (${written.events.length} events, ${written.enrollments.length} enrollments)`, rows: rowCount, seconds: await bareEverything(captureFor, written), baseline: seconds, reverse: true }];
  return [
    ...everything,
    { store: label, name: 'bare insertMany of the enrollment documents', rows: rowCount, seconds: bareSeconds },
    { store: label, name: `import job: stage, create, screen (${job.counts.eligible} eligible, ${job.counts.ineligible} ineligible)`, rows: rowCount, seconds, baseline: bareSeconds, peakMb: peak },
  ];
}

/** The enrollment documents the import leaves (projection shape), for the baseline to insert bare. */
function enrollmentDocuments(workspaceId, programInstanceId, rowCount) {
  const at = new Date().toISOString();
  return Array.from({ length: rowCount }, (_, index) => {
    const row = candidate(index + 1);
    const eligible = row.postalCode !== '94105';
    return {
      _id: `cbench${String(index).padStart(19, '0')}`, workspaceId, identificationType: 'customerInfo', programInstanceId,
      firstName: row.firstName, lastName: row.lastName, email: row.email, phone: row.phone,
      address: { streetOne: row.streetOne, city: 'New York', state: 'NY', postalCode: row.postalCode, country: 'USA' },
      manufacturerSlugs: ['tesla', 'enphase'], referenceId: row.referenceId, referenceDescription: 'Tesla Grid Services id.', tags: ['spring-2025'],
      eligibility: eligible ? { status: 'eligible', reason: 'Meets the program’s eligibility rules.', ruleVersion: 1 } : { status: 'ineligible', reason: 'The customer’s address (postal code 94105) is outside the program’s service territory.', ruleVersion: 1 },
      seq: eligible ? 3 : 2, createdAt: at, updatedAt: at,
    };
  });
}

async function bareMongo(mongo, documents) {
  const store = await openMongoBenchStore(mongo, 'bare');
  try {
    const collection = store.connection.collection('enrollments');
    const started = process.hrtime.bigint();
    for (let start = 0; start < documents.length; start += 1000) await collection.insertMany(documents.slice(start, start + 1000), { ordered: false });
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await store.close();
  }
}

/** BENCH_IMPORT_ALL_DOCUMENTS=1: keeps every event and enrollment the job writes, for a second baseline (costs memory). */
function captureWrites(h) {
  const written = { events: [], enrollments: [] };
  const wrap = (token, method, into) => {
    const real = h.port(token);
    h.replacePort(token, new Proxy(real, { get: (target, key) => (key === method ? async (items, ...rest) => (into.push(...items), target[key](items, ...rest)) : typeof target[key] === 'function' ? target[key].bind(target) : target[key]) }));
  };
  wrap(STORE_TOKENS.events, 'insertMany', written.events);
  wrap(STORE_TOKENS.enrollments, 'saveMany', written.enrollments);
  return written;
}

/** The same events and enrollments, inserted bare into a fresh database of the same store. */
async function bareEverything(mongo, written) {
  const store = await openMongoBenchStore(mongo, 'bareall');
  try {
    const started = process.hrtime.bigint();
    for (const [collection, items] of [['enrollment_events', written.events], ['enrollments', written.enrollments]]) {
      const documents = items.map(({ id, ...rest }) => ({ _id: id, ...rest, ...(rest.participation === undefined ? {} : { participationId: rest.participation.id }) }));
      for (let start = 0; start < documents.length; start += 1000) await store.connection.collection(collection).insertMany(documents.slice(start, start + 1000), { ordered: false });
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await store.close();
  }
}

async function bareMemory(documents) {
  const started = process.hrtime.bigint();
  const table = new Map();
  for (const document of documents) table.set(document._id, Object.freeze(structuredClone(document)));
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function candidate(n) {
  return {
    referenceId: `CP-${String(n).padStart(7, '0')}`, firstName: 'Cand', lastName: `Number ${n}`, email: `cand.${n}@example.com`, phone: '+12125550100',
    streetOne: `${n} Main St`, postalCode: n % 5 === 0 ? '94105' : `100${String(n % 100).padStart(2, '0')}`,
  };
}

export async function writeCandidates(file, rows) {
  const out = createWriteStream(file);
  out.write('referenceId,identificationType,firstName,lastName,email,phone,streetOne,city,state,postalCode,country,manufacturerSlugs,referenceDescription,tags\n');
  for (let n = 1; n <= rows; n++) {
    const row = candidate(n);
    const line = `${row.referenceId},customerInfo,${row.firstName},${row.lastName},${row.email},${row.phone},${row.streetOne},New York,NY,${row.postalCode},USA,tesla;enphase,Tesla Grid Services id.,spring-2025\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The highest resident set size seen (MiB) until stop(). */
function sampleMemory() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return { stop: () => (clearInterval(timer), Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20)) };
}

function printRows(rows) {
  const header = ['store', 'case', 'rows', 'seconds', 'rows/s', 'vs bare', 'peak RSS MiB'];
  const body = rows.map((row) => [
    row.store, row.name, String(row.rows), row.seconds.toFixed(2), Math.round(row.rows / row.seconds).toLocaleString('en-US'),
    row.baseline === undefined ? 'baseline' : row.reverse === true ? `the job takes ${(row.baseline / row.seconds).toFixed(2)}× this` : `${(row.seconds / row.baseline).toFixed(2)}× the time`,
    row.peakMb === undefined ? '' : String(row.peakMb),
  ]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...body.map((line) => line[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  const out = ['', `### (i) Import and screening as a job: ${ROWS.toLocaleString('en-US')} rows (BENCH_IMPORT_ROWS)`, '', line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line), '',
    'Target: the job within 3× the bare time on the MongoDB store, and a peak RSS under 512 MiB while streaming (docs/performance.md).', ''];
  process.stdout.write(`${out.join('\n')}\n`);
}

if (isMain(import.meta.url)) await runBenches([importJob], { needsMongo: true, watchdogMs: 30 * 60_000 });
