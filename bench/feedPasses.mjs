// (l) The worker's feeds (issue 25 item 3, ADR 0018): each new event read once, a quiet pass costing about nothing.
//
// 1. An idle pass at 1,000 and at 100,000 enrollments (BENCH_FEED_EVENTS events each, default 4, seeded with the
//    event repository's insertMany two days before the clock, as old history): the webhook dispatcher's pass with one
//    enabled endpoint (a quarter second of feed per pass, as FLEXROLL_WEBHOOK_POLL_MS=250 runs it) and with none,
//    projection repair's (a minute per pass) and the adapter outbox's with its catch-up due (five minutes per pass).
//    Each is primed once, then timed over several passes; the ratio is the pass at 100,000 over the pass at 1,000.
//    Store calls are counted too: the feed's bucket lookups and the event documents they returned.
// 2. The worker's time in its passes in the 5 minutes after a 20,000-row import (BENCH_FEED_IMPORT_ROWS), with no
//    webhook endpoint: the import runs as a job (bench/importJob.mjs's candidates, one job step per clock second),
//    then every background task of the worker runs at its interval on a manual clock for 5 minutes, each pass timed.
//    The issue asks for under 10 s in total. Sweeps (another part of issue 25) are shown on their own line.
//
// A manual clock drives the passes (no waiting), so the time is the passes' own: store calls and the core's work.
//
//   node --conditions=flexroll-test bench/feedPasses.mjs        (after npm run build:all; MONGODB_URI for FerretDB)
//   BENCH_FEED_SIZES=1000,100000 BENCH_FEED_MONGO_SIZES=1000,20000 node --conditions=flexroll-test bench/feedPasses.mjs
//   (the embedded store at 100,000 wants node --max-old-space-size=8192; BENCH_FEED_MEMORY_ONLY=1 skips MongoDB)
import 'reflect-metadata';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CORE_TOKENS, JobRunner, JobService, STORE_TOKENS, WebhookDispatcher, ProjectionRepair } from '@flexroll/core';
import { newHarness } from './lib/harness.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { onEachStore } from './lib/stores.mjs';
import { vacuumAnalyze } from './lib/vacuumAnalyze.mjs';
import { writeCandidates } from './importJob.mjs';

const EVENTS_PER_ENROLLMENT = Number(process.env.BENCH_FEED_EVENTS ?? 4);
const SIZES = {
  memory: (process.env.BENCH_FEED_SIZES ?? '1000,100000').split(',').map(Number),
  mongo: (process.env.BENCH_FEED_MONGO_SIZES ?? '1000,100000').split(',').map(Number),
};
const IMPORT_ROWS = Number(process.env.BENCH_FEED_IMPORT_ROWS ?? 20_000);
const DAY = 86_400_000;

export async function feedPasses({ mongo }) {
  await onEachStore('(l) Feed passes', mongo, async (kind, label, fresh) => {
    const idle = {};
    // FerretDB on PostgreSQL: the store ran ANALYZE when it opened, on empty tables; after a bulk seed the planner
    // needs fresh statistics to use the GIN indexes, and the GIN indexes' pending lists (entries not yet merged, which
    // every lookup scans) want merging: VACUUM ANALYZE, as autovacuum would do in time; the bench does not wait.
    const analyze = kind === 'mongo' && mongo.postgresUrl !== undefined ? () => vacuumAnalyze(mongo.postgresUrl) : async () => {};
    for (const size of SIZES[kind]) idle[size] = await idlePasses(await fresh(), size, analyze);
    printIdle(label, idle);
    await afterImport(label, await fresh());
  });
}

/** The idle passes on a store seeded with `size` enrollments' worth of old events; ms per pass and store calls. */
async function idlePasses(store, size, analyze) {
  const started = Date.now();
  const seeding = newHarness(store.module());
  const { context } = await seeding.tenant('Feed bench');
  await seedEvents(seeding, context.workspaceId, size);
  await analyze();
  process.stdout.write(`  seeded ${size.toLocaleString('en-US')} enrollments (${(size * EVENTS_PER_ENROLLMENT).toLocaleString('en-US')} events) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  const results = {};
  const withEndpoint = newHarness(store.module(), { clock: seeding.clock });
  await withEndpoint.webhookEndpoints.create(context, { url: 'https://hooks.example.com/bench', eventTypes: ['enrollment.updated'] });
  results['webhooks, one endpoint'] = await timePasses(withEndpoint, (h) => h.container.get(WebhookDispatcher).runOnce(), 250, 2_000);
  const endpoints = withEndpoint.port(STORE_TOKENS.webhookEndpoints);
  for (const found of await endpoints.listAll()) await endpoints.replace({ ...found, status: 'disabled' });
  const noEndpoint = newHarness(store.module(), { clock: seeding.clock });
  results['webhooks, no endpoint'] = await timePasses(noEndpoint, (h) => h.container.get(WebhookDispatcher).runOnce(), 250, 2_000);
  const repair = newHarness(store.module(), { clock: seeding.clock });
  results['projection repair'] = await timePasses(repair, (h) => h.container.get(ProjectionRepair).runOnce(), 60_000, 100);
  const outbox = newHarness(store.module(), { clock: seeding.clock });
  results['outbox + catch-up'] = await timePasses(outbox, (h) => h.outbox.runOnce(), 300_000, 50);
  return results;
}

/** Old history: `size` enrollments' events, 1,000 to a feed second, ending two days before the clock. */
async function seedEvents(harness, workspaceId, size) {
  const events = harness.port(STORE_TOKENS.events);
  const end = harness.clock.now().getTime() - 2 * DAY;
  const total = size * EVENTS_PER_ENROLLMENT;
  const chunk = 1_000;
  for (let start = 0, second = 0; start < total; start += chunk, second++) {
    const at = new Date(end - Math.ceil(total / chunk) * 1000 + second * 1000).toISOString();
    const batch = [];
    for (let n = start; n < Math.min(total, start + chunk); n++) {
      const enrollment = n % size;
      const seq = Math.floor(n / size) + 1;
      const id = `evt_bench_${n}`;
      batch.push({
        id, workspaceId, enrollmentId: `cbenchfeed${String(enrollment).padStart(15, '0')}`, seq, type: 'enrollment.updated', occurredAt: at,
        actor: { type: 'api_key', id: 'key_bench' }, source: 'bench', data: { changes: { phone: `+1555${String(n).padStart(7, '0')}` } },
        batch: { id: `bat_${id}`, index: 0, size: 1 },
      });
    }
    await events.insertMany(batch, at.slice(0, 19));
  }
}

/** Primes a task once, then times `passes` passes `stepMs` apart; ms per pass, lookups and event documents per pass. */
async function timePasses(harness, pass, stepMs, passes) {
  const reads = countFeedReads(harness);
  harness.clock.advance(stepMs);
  await pass(harness);
  reads.lookups = 0;
  reads.events = 0;
  let ns = 0n;
  for (let n = 0; n < passes; n++) {
    harness.clock.advance(stepMs);
    const started = process.hrtime.bigint();
    await pass(harness);
    ns += process.hrtime.bigint() - started;
  }
  return { ms: Number(ns) / 1e6 / passes, lookups: reads.lookups / passes, events: reads.events / passes };
}

/** Counts the feed's bucket lookups and the event documents they return (call before the harness builds its services). */
function countFeedReads(harness) {
  const reads = { lookups: 0, events: 0 };
  const feed = harness.port(STORE_TOKENS.eventFeed);
  harness.replacePort(STORE_TOKENS.eventFeed, new Proxy(feed, {
    get: (target, key) => (key === 'listRecordedIn'
      ? async (bucket) => {
        reads.lookups++;
        const found = await target.listRecordedIn(bucket);
        reads.events += found.length;
        return found;
      }
      : typeof target[key] === 'function' ? target[key].bind(target) : target[key]),
  }));
  return reads;
}

function printIdle(label, idle) {
  const sizes = Object.keys(idle).map(Number);
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  process.stdout.write(`\n(l) Idle feed passes — ${label}\n`);
  const header = ['pass', ...sizes.map((size) => `ms/pass at ${size.toLocaleString('en-US')}`), 'lookups/pass', 'events read/pass', `ratio ${large.toLocaleString('en-US')}/${small.toLocaleString('en-US')}`];
  const lines = [header];
  for (const name of Object.keys(idle[small])) {
    const last = idle[large][name];
    lines.push([name, ...sizes.map((size) => idle[size][name].ms.toFixed(3)), last.lookups.toFixed(2), last.events.toFixed(2), (last.ms / idle[small][name].ms).toFixed(2)]);
  }
  printLines(lines);
}

/** The import, then 5 minutes of every background task at its interval; the time in each task's passes. */
async function afterImport(label, store) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flexroll-bench-feed-'));
  try {
    const file = path.join(dir, 'candidates.csv');
    await writeCandidates(file, IMPORT_ROWS);
    const h = newHarness(store.module());
    const { context, instance } = await h.tenant('Feed import bench', { eligibilityRules: { allowedManufacturers: ['tesla', 'enphase'], serviceTerritory: { countries: ['USA'], postalCodePrefixes: ['100', '101', '102'] }, requiredFields: ['email'] } });
    const tasks = h.container.getAll(CORE_TOKENS.backgroundTasks);
    // The worker was running before the import: each task has had its first pass.
    for (const task of tasks) await task.runOnce();
    const jobs = h.container.get(JobService);
    const runner = h.container.get(JobRunner);
    const started = Date.now();
    let job = await jobs.receiveImport(context, instance.id, { format: 'csv', body: createReadStream(file, { highWaterMark: 64 * 1024 }) });
    while (job.open) {
      await runner.runOnce();
      h.clock.advance(1_000);
      job = await jobs.get(context, job.id);
    }
    const importSeconds = (Date.now() - started) / 1000;
    const spent = new Map(tasks.map((task) => [task.name, { ms: 0, passes: 0 }]));
    const due = new Map(tasks.map((task) => [task, 0]));
    const stepMs = 250;
    for (let at = 0; at <= 5 * 60_000; at += stepMs) {
      for (const task of tasks) {
        if (due.get(task) > at) continue;
        due.set(task, at + task.intervalMs);
        const begun = process.hrtime.bigint();
        await task.runOnce();
        const entry = spent.get(task.name);
        entry.ms += Number(process.hrtime.bigint() - begun) / 1e6;
        entry.passes++;
      }
      h.clock.advance(stepMs);
    }
    process.stdout.write(`\n(l) The worker's 5 minutes after a ${IMPORT_ROWS.toLocaleString('en-US')}-row import (${job.counts.created} created in ${importSeconds.toFixed(1)} s), no webhook endpoint — ${label}\n`);
    const lines = [['task', 'passes', 'time in passes (s)']];
    let feeds = 0;
    let all = 0;
    for (const [name, { ms, passes }] of spent) {
      lines.push([name, String(passes), (ms / 1000).toFixed(3)]);
      all += ms;
      if (name !== 'sweeps') feeds += ms;
    }
    lines.push(['all but sweeps', '', (feeds / 1000).toFixed(3)], ['all', '', (all / 1000).toFixed(3)], ['issue 25 budget', '', '10.000']);
    printLines(lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printLines(lines) {
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  for (const line of lines) process.stdout.write(`  ${line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')}\n`);
}

if (isMain(import.meta.url)) await runBenches([feedPasses], { needsMongo: process.env.BENCH_FEED_MEMORY_ONLY !== '1', watchdogMs: 60 * 60_000 });
