// (t) Issue 20: the overdue queue — `GET …/deadlines` at 100,000 deadlines, on the embedded store and on the MongoDB
// store (MONGODB_URI, else FerretDB on PostgreSQL started here). The deadlines are seeded through the repository's own
// write (the projection's path), then vacuumed and analysed on PostgreSQL, as autovacuum would. One workspace, four
// program instances; 80 % open (expectedAt spread over 100 days from a day ago: 1 % missed, 1 % due soon, the rest
// pending, as in the sweep bench), 5 % of the open ones paused, 20 % closed. Each case is one request's read through the core's
// DeadlineService (the list and its counts); timed `BENCH_DEADLINES_REPEAT` times after a warm-up, median and p99.
//
//   node --conditions=flexroll-test bench/deadlineQueue.mjs              (after npm run build:all)
//   BENCH_DEADLINES_SIZE=20000 BENCH_DEADLINES_STORES=mongo node --conditions=flexroll-test bench/deadlineQueue.mjs
import 'reflect-metadata';
import { Container } from 'inversify';
import { DeadlineService, ManualClock, STORE_TOKENS, resolvePort } from '@flexroll/core';
import { createMemoryStore } from '@flexroll/store-memory';
import { openMongoBenchStore, provideMongo, describeServer } from './lib/mongo.mjs';
import { vacuumAnalyze } from './lib/vacuumAnalyze.mjs';

const SIZE = Number(process.env.BENCH_DEADLINES_SIZE ?? 100_000);
const STORES = (process.env.BENCH_DEADLINES_STORES ?? 'embedded,mongo').split(',').map((name) => name.trim());
const REPEAT = Number(process.env.BENCH_DEADLINES_REPEAT ?? 200);
const NOW = Date.parse('2026-12-06T12:00:00.000Z');
const DAY = 86_400_000;
const WS = 'ws_bench_deadlines';
const INSTANCES = ['cbenchinstance00000000000a', 'cbenchinstance00000000000b', 'cbenchinstance00000000000c', 'cbenchinstance00000000000d'];
const STATES = ['AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'AWAITING_REGISTRATION', 'CONFIRMING_DISPATCH'];
const WAITING = { AWAITING_CONSENT: 'customer', AWAITING_TELEMETRY: 'customer', AWAITING_REGISTRATION: 'operator', CONFIRMING_DISPATCH: 'operator' };

async function main() {
  if (STORES.includes('embedded')) {
    const store = createMemoryStore();
    await seed(store.deadlines);
    await run('embedded', store.deadlines);
  }
  if (!STORES.includes('mongo')) return;
  const mongo = await provideMongo();
  if ('skipReason' in mongo) return void console.log(`MongoDB store skipped: ${mongo.skipReason}`);
  const store = await openMongoBenchStore(mongo, 'deadlines');
  try {
    console.log(`MongoDB store: ${await describeServer(store.connection)} (${mongo.source})`);
    const container = new Container();
    container.load(store.module());
    const deadlines = resolvePort(container, STORE_TOKENS.deadlines);
    await seed(deadlines);
    if (mongo.postgresUrl !== undefined) await vacuumAnalyze(mongo.postgresUrl);
    await run('mongo', deadlines);
  } finally {
    await store.close();
    await mongo.stop();
  }
}

async function seed(deadlines) {
  const started = Date.now();
  for (let start = 0; start < SIZE; start += 500) {
    await deadlines.write(Array.from({ length: Math.min(500, SIZE - start) }, (_, n) => deadlineAt(start + n)));
  }
  console.log(`  seeded ${SIZE.toLocaleString('en')} deadlines in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function deadlineAt(n) {
  const state = STATES[n % STATES.length];
  const expected = NOW - DAY + ((n * 7919) % (100 * DAY / 60_000)) * 60_000;
  const closed = n % 5 === 4;
  const paused = !closed && n % 20 === 3;
  const status = closed ? (n % 3 === 0 ? 'met' : n % 3 === 1 ? 'met_late' : 'cancelled') : expected <= NOW ? 'missed' : expected - DAY <= NOW ? 'due_soon' : 'pending';
  const iso = (ms) => new Date(ms).toISOString();
  return {
    id: `dl_${String(n).padStart(24, '0')}`, workspaceId: WS, programInstanceId: INSTANCES[n % INSTANCES.length], enrollmentId: `cbenchenrollment${String(n).padStart(9, '0')}`,
    participationId: `vpp_${String(n).padStart(24, '0')}`, seq: 4, state, enteredAt: iso(expected - 3 * DAY), waitingOn: WAITING[state], alerts: true,
    ...(paused ? { paused: { since: iso(expected - 2 * DAY), remainingMs: 2 * DAY }, status: 'pending' } : { expectedAt: iso(expected), dueSoonAt: iso(expected - DAY), status }),
    announced: status === 'missed' ? { missed: iso(expected) } : status === 'due_soon' ? { dueSoon: iso(expected - DAY) } : {},
    ...(closed ? { closedAt: iso(expected + DAY) } : {}), updatedAt: iso(expected),
  };
}

async function run(store, deadlines) {
  const service = new DeadlineService(deadlines, { get: async (workspaceId, id) => ({ id, workspaceId }) }, new ManualClock(new Date(NOW)));
  const context = { workspaceId: WS, actor: { type: 'api_key', id: 'key_bench' }, source: 'bench', liveMode: true };
  const page = { page: 1, perPage: 20 };
  const cases = {
    'instance: first page (perPage 20) + counts': () => service.list(context, { programInstanceId: INSTANCES[0] }, page),
    'workspace: first page (perPage 20) + counts': () => service.list(context, {}, page),
    'instance: waitingOn=operator, overdueBy=PT6H': () => service.list(context, { programInstanceId: INSTANCES[2], waitingOn: ['operator'], overdueBy: 'PT6H' }, page),
    'instance: status=met_late,cancelled': () => service.list(context, { programInstanceId: INSTANCES[2], statuses: ['met_late', 'cancelled'] }, page),
    'workspace: page 10 (perPage 100)': () => service.list(context, {}, { page: 10, perPage: 100 }),
  };
  console.log(`\n${store} store at ${SIZE.toLocaleString('en')} deadlines: ms per request (target p99 < 100 ms)`);
  for (const [name, read] of Object.entries(cases)) {
    for (let warm = 0; warm < 5; warm++) await read();
    const times = [];
    let returned = 0;
    for (let round = 0; round < REPEAT; round++) {
      const started = process.hrtime.bigint();
      const answer = await read();
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      returned = answer.data.length;
    }
    times.sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
    console.log(`  ${name.padEnd(48)} median ${at(0.5).toFixed(1).padStart(7)}   p99 ${at(0.99).toFixed(1).padStart(7)}   (${returned} returned)`);
  }
}

await main();
