// (p) Noisy neighbour (issue 25, item 4; ADR 0020): workspace A holds BENCH_NOISY_ENROLLMENTS enrollments (seeded by an
// import job through the API), and BENCH_NOISY_CLIENTS clients (12) page A's enrollment list and `GET /events` (its
// first 1,000 events, the page form's reach) at random pages, as fast as they are answered, each giving up on a request after BENCH_NOISY_CLIENT_TIMEOUT_MS (as a
// browser or a proxy does). Meanwhile a thirteenth client reads workspace B's one enrollment, `GET /enrollments/{id}`,
// one request after another. Printed, per store:
//   - B's p50/p99 quiet (before A starts) and under A's load, and their ratio (the issue asks under 3×);
//   - A's page latency (the issue asks within 1 s), and how A's requests were answered (200, 429, 503, given up);
//   - after A's clients stop (abandoning whatever they were waiting for): how long until the store is quiet — on
//     FerretDB on PostgreSQL, no active query of FerretDB's database left in pg_stat_activity (the issue asks within
//     5 s) — and how long until B is answered within 3× its quiet p99 (at least 10 ms) again.
// The server is the real API in a process of its own (bench/lib/noisyNeighbourServer.mjs), configured from the
// environment as `flexroll serve` is; these pass through to it: FLEXROLL_WORKSPACE_CONCURRENT_REQUESTS, FLEXROLL_WORKSPACE_CONCURRENT_LIST_READS,
// FLEXROLL_WORKSPACE_QUEUE_WAIT_MS, FLEXROLL_STORE_QUERY_TIMEOUT_MS, FLEXROLL_STORE_POOL_SIZE, FLEXROLL_STORE_POOL_WAIT_MS.
//
//   node --conditions=flexroll-test bench/noisyNeighbour.mjs                                   (after npm run build:all; N = 1,000)
//   BENCH_NOISY_ENROLLMENTS=100000 node --conditions=flexroll-test bench/noisyNeighbour.mjs       the run
//   BENCH_NOISY_STORES=mongo MONGODB_URI=… FLEXROLL_FERRETDB_POSTGRES_URL=… node --conditions=flexroll-test bench/noisyNeighbour.mjs
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { startJsonLinesChild } from './lib/jsonLinesChild.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { vacuumAnalyze } from './lib/vacuumAnalyze.mjs';
import { printCells, printSkipped } from './lib/report.mjs';
import { enrollmentBody } from './lib/requestBodies.mjs';
import { cleanEnvironment } from './lib/serveProcess.mjs';
import { dropDatabase, provideServerMongo, withFreshDatabase } from './lib/serverMongo.mjs';

const N = positive('BENCH_NOISY_ENROLLMENTS', 1_000);
const CLIENTS = positive('BENCH_NOISY_CLIENTS', 12);
const LOAD_SECONDS = positive('BENCH_NOISY_SECONDS', 15);
const QUIET_SECONDS = positive('BENCH_NOISY_QUIET_SECONDS', 5);
const CLIENT_TIMEOUT_MS = positive('BENCH_NOISY_CLIENT_TIMEOUT_MS', 10_000);
const RECOVERY_LIMIT_MS = 300_000;
const PER_PAGE = 100;
const ALONE_PAGES = 9;
const STORES = (process.env.BENCH_NOISY_STORES ?? 'embedded,mongo').split(',').map((name) => name.trim());
const PASSED_THROUGH = ['FLEXROLL_WORKSPACE_CONCURRENT_REQUESTS', 'FLEXROLL_WORKSPACE_CONCURRENT_LIST_READS', 'FLEXROLL_WORKSPACE_QUEUE_WAIT_MS', 'FLEXROLL_STORE_QUERY_TIMEOUT_MS', 'FLEXROLL_STORE_POOL_SIZE', 'FLEXROLL_STORE_POOL_WAIT_MS'];

const pg = createRequire(import.meta.resolve('@flexroll/store-mongo'))('pg');

/** @param {{ mongo?: { uri?: string, postgresUrl?: string, source?: string } }} [env] */
export async function noisyNeighbour({ mongo: shared } = {}) {
  const rows = [];
  if (STORES.includes('embedded')) rows.push(await onStore('embedded store', {}, undefined));
  if (STORES.includes('mongo')) {
    const mongo = await provideServerMongo(shared);
    if (mongo.uri === undefined) printSkipped('Noisy neighbour on the MongoDB store', mongo.skipReason);
    else {
      const databaseUri = withFreshDatabase(mongo.uri, 'noisy');
      try {
        const env = { MONGODB_URI: databaseUri, FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64'), ...(mongo.postgresUrl === undefined ? {} : { FLEXROLL_FERRETDB_POSTGRES_URL: mongo.postgresUrl }) };
        rows.push(await onStore(`MongoDB store (${mongo.source})`, env, mongo.postgresUrl));
      } finally {
        await dropDatabase(databaseUri).catch(() => undefined);
        await mongo.stop();
      }
    }
  }
  printCells(
    `Noisy neighbour: ${CLIENTS} clients paging workspace A (${N.toLocaleString('en-US')} enrollments) against B's GET /enrollments/{id}`,
    ['store', 'B p50/p99 quiet ms', 'B p50/p99 loaded ms', 'B p99 ×', 'B not 200', 'A p50/p99 ms', 'A answers', 'store quiet after s', 'B back after s'],
    rows,
    [
      'Targets (issue 25): B p99 under A\'s load < 3× quiet; A\'s pages within 1 s; the store quiet within 5 s of A\'s clients stopping.',
      `A's clients give up on a request after ${CLIENT_TIMEOUT_MS / 1000} s; "given up" counts those. "store quiet" is measured on FerretDB on PostgreSQL only (pg_stat_activity).`,
    ],
  );
}

async function onStore(label, storeEnv, postgresUrl) {
  const passed = Object.fromEntries(PASSED_THROUGH.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]));
  const server = startJsonLinesChild(new URL('./lib/noisyNeighbourServer.mjs', import.meta.url), { name: 'noisy-neighbour server', env: cleanEnvironment({ ...storeEnv, ...passed }) });
  try {
    const started = await server.next();
    process.stdout.write(`\n${label}: limits ${JSON.stringify(started.limits)}\n`);
    const a = client(started.base, started.a.key);
    const b = client(started.base, started.b.key);
    const instanceA = (await a.json('POST', '/programInstances', { programId: started.program, name: 'Workspace A' })).id;
    const instanceB = (await b.json('POST', '/programInstances', { programId: started.program, name: 'Workspace B' })).id;
    const seeded = await seed(a, instanceA);
    process.stdout.write(`  seeded A: ${N.toLocaleString('en-US')} enrollments by an import job in ${seeded.toFixed(1)} s\n`);
    // What autovacuum would soon do after the bulk load; without it the first minutes after an import are timed.
    if (postgresUrl !== undefined) await vacuumAnalyze(postgresUrl);
    const enrollmentB = (await b.json('POST', `/programInstances/${instanceB}/enrollments`, enrollmentBody('NOISY-B-0001'))).id;
    await server.ask({ stopBackground: true });
    const readB = () => b.timed('GET', `/enrollments/${enrollmentB}`);

    const quiet = await probe(readB, QUIET_SECONDS * 1000);
    const quietP99 = percentile(quiet.latencies, 0.99);
    const alone = await pagesAlone(a, instanceA);
    process.stdout.write(`  A's pages alone (one at a time, median of ${ALONE_PAGES}): enrollment list ${fmt(alone.enrollments)}, GET /events ${fmt(alone.events)}\n`);
    const load = startLoad(a, instanceA);
    const loaded = await probe(readB, LOAD_SECONDS * 1000);
    const stoppedAt = Date.now();
    const pages = await load.stop();
    process.stdout.write(`  A's pages under load, p50 / p99: enrollment list ${fmt(percentile(pages.byKind.enrollments, 0.5))} / ${fmt(percentile(pages.byKind.enrollments, 0.99))}, GET /events ${fmt(percentile(pages.byKind.events, 0.5))} / ${fmt(percentile(pages.byKind.events, 0.99))}\n`);
    const [storeQuiet, bBack] = await Promise.all([
      postgresUrl === undefined ? Promise.resolve(undefined) : untilStoreQuiet(postgresUrl, stoppedAt),
      untilAnsweredWithin(readB, Math.max(3 * quietP99, 10), stoppedAt),
    ]);
    return [
      label,
      `${fmt(percentile(quiet.latencies, 0.5))} / ${fmt(quietP99)}`,
      `${fmt(percentile(loaded.latencies, 0.5))} / ${fmt(percentile(loaded.latencies, 0.99))}`,
      `${(percentile(loaded.latencies, 0.99) / quietP99).toFixed(1)}×`,
      describeCounts(loaded.notOk),
      `${fmt(percentile(pages.latencies, 0.5))} / ${fmt(percentile(pages.latencies, 0.99))}`,
      describeCounts(pages.statuses),
      storeQuiet === undefined ? 'n/a' : storeQuiet.toFixed(1),
      bBack === undefined ? `> ${RECOVERY_LIMIT_MS / 1000}` : bBack.toFixed(1),
    ];
  } finally {
    await server.stop();
  }
}

/** A's N enrollments, by one CSV import job through the API; the seconds it took. */
async function seed(a, instanceId) {
  const lines = ['referenceId,identificationType,firstName,lastName,email,phone,streetOne,city,state,postalCode,country,manufacturerSlugs,referenceDescription,tags'];
  for (let n = 1; n <= N; n++) {
    lines.push(`NN-${String(n).padStart(7, '0')},customerInfo,Cand,Number ${n},cand.${n}@example.com,+12125550100,${n} Main St,New York,NY,100${String(n % 100).padStart(2, '0')},USA,tesla;enphase,Tesla Grid Services id.,spring-2025`);
  }
  const began = Date.now();
  let job = await a.json('POST', `/programInstances/${instanceId}/imports`, `${lines.join('\n')}\n`, 'text/csv');
  while (job.status !== 'completed' && job.status !== 'failed') {
    await sleep(500);
    job = await a.json('GET', `/jobs/${job.id}`);
  }
  if (job.counts.created !== N) throw new Error(`the import created ${job.counts.created} of ${N}: ${JSON.stringify(job.counts)}`);
  return (Date.now() - began) / 1000;
}

/** CLIENTS loops paging A's enrollment list and events at random pages until stop(), which abandons what they wait for. */
function startLoad(a, instanceId) {
  const leave = new AbortController();
  const latencies = [];
  const byKind = { enrollments: [], events: [] };
  const statuses = {};
  const loop = async (lane) => {
    for (let n = lane; !leave.signal.aborted; n++) {
      const kind = n % 2 === 0 ? 'enrollments' : 'events';
      const answer = await a.timed('GET', randomPage(kind, instanceId), AbortSignal.any([leave.signal, AbortSignal.timeout(CLIENT_TIMEOUT_MS)]));
      if (leave.signal.aborted) return;
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (answer.status === 200) latencies.push(answer.ms);
      if (answer.status === 200) byKind[kind].push(answer.ms);
      else if (answer.status === 429 || answer.status === 503) await sleep(Number(answer.retryAfter ?? 1) * 1000);
    }
  };
  const running = Promise.all(Array.from({ length: CLIENTS }, (_, lane) => loop(lane)));
  return {
    async stop() {
      leave.abort();
      await running;
      return { latencies, byKind, statuses };
    },
  };
}

/** A random page of A's enrollment list, or of its events within the page form's reach (page × perPage ≤ 1,000, ADR 0021). */
function randomPage(kind, instanceId) {
  const pages = Math.max(1, Math.ceil(N / PER_PAGE));
  if (kind === 'enrollments') return `/programInstances/${instanceId}/enrollments?page=${1 + Math.floor(Math.random() * pages)}&perPage=${PER_PAGE}`;
  return `/events?page=${1 + Math.floor(Math.random() * Math.min(pages, Math.floor(1_000 / PER_PAGE)))}&perPage=${PER_PAGE}`;
}

/** What each kind of A's pages costs with nothing beside it: the median of ALONE_PAGES, one at a time. */
async function pagesAlone(a, instanceId) {
  const median = async (kind) => {
    const times = [];
    for (let n = 0; n < ALONE_PAGES; n++) times.push((await a.timed('GET', randomPage(kind, instanceId))).ms);
    return percentile(times, 0.5);
  };
  return { enrollments: await median('enrollments'), events: await median('events') };
}

/** Reads one after another for `ms`: the latencies of the 200s, and the count of every other answer. */
async function probe(read, ms) {
  const latencies = [];
  const notOk = {};
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const answer = await read();
    if (answer.status === 200) latencies.push(answer.ms);
    else notOk[answer.status] = (notOk[answer.status] ?? 0) + 1;
  }
  return { latencies, notOk };
}

/** Seconds from `since` until FerretDB's PostgreSQL database has no active query (three polls in a row), or undefined. */
async function untilStoreQuiet(postgresUrl, since) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    let idlePolls = 0;
    while (Date.now() - since < RECOVERY_LIMIT_MS) {
      const { rows } = await client.query("select count(*)::int as active from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()");
      idlePolls = rows[0].active === 0 ? idlePolls + 1 : 0;
      if (idlePolls === 3) return (Date.now() - since - 200) / 1000;
      await sleep(100);
    }
    return undefined;
  } finally {
    await client.end();
  }
}

/** Seconds from `since` until B is answered 200 within `ms` twice in a row, or undefined. */
async function untilAnsweredWithin(read, ms, since) {
  let good = 0;
  while (Date.now() - since < RECOVERY_LIMIT_MS) {
    const answer = await read();
    good = answer.status === 200 && answer.ms <= ms ? good + 1 : 0;
    if (good === 2) return (Date.now() - since) / 1000;
  }
  return undefined;
}

function client(base, key) {
  const timed = async (method, path, signal) => {
    const began = process.hrtime.bigint();
    try {
      const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}` }, ...(signal === undefined ? {} : { signal }) });
      await response.arrayBuffer();
      return { status: response.status, retryAfter: response.headers.get('retry-after'), ms: Number(process.hrtime.bigint() - began) / 1e6 };
    } catch {
      return { status: 'given up', ms: Number(process.hrtime.bigint() - began) / 1e6 };
    }
  };
  const json = async (method, path, body, contentType = 'application/json') => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 400)}`);
    return JSON.parse(text);
  };
  return { timed, json };
}

function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function fmt(ms) {
  return Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(0) : `${(ms / 1000).toFixed(1)} s`;
}

function describeCounts(counts) {
  const entries = Object.entries(counts);
  return entries.length === 0 ? 'none' : entries.map(([status, count]) => `${count}×${status}`).join(', ');
}

function positive(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

if (isMain(import.meta.url)) await runBenches([noisyNeighbour], { needsMongo: false, watchdogMs: 60 * 60_000 });
