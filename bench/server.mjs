// (e) Server: the API as its clients see it. The real `flexroll serve` process (node packages/cli/dist/main.js
// serve), driven over loopback by a load generator in another process (autocannon: 16 keep-alive connections, one
// request in flight each), against the baseline of a bare express app in a third process answering the same
// requests with the same bytes (captured from the real server first) under the same content type. Four routes
// (lib/serverRoutes.mjs), each at a short history (an enrollment driven to ACTIVE: 14 events) and a long one (then
// 500 suspensions raised and cleared: 1,014 events); each case and its baseline run in alternating rounds. On the
// embedded store, then on the MongoDB store (MONGODB_URI, else FerretDB on PostgreSQL), where GET /enrollments/{id}
// is also set against a bare driver loop of findOne({ _id }) on the same server, in a process of its own, at the
// same concurrency.
//
// Writes never collide: each connection has participations of its own and alternates raise and clear on each, so
// none is refused with 409; any answer that is not 2xx is counted, printed and fails the case's verdict. Short-history
// write cases get a pool of participations per connection, sized so that none gains more than about twenty events
// during the case: "short" stays short.
//
// The server runs as an operator would run it: settings from the environment, the request log line at level info
// written to its stdout (a pipe this process drains and discards). Two things differ from the defaults, both said
// in the output: the rate limit is raised (600 requests per key per minute would answer this load with 429s), and
// the embedded store's sweeps are off (they would run inside the measured process at moments of their choosing).
//
//   node bench/server.mjs        (after npm run build; about six minutes, half of it on MongoDB)
//   BENCH_SERVER_SECONDS=4 BENCH_SERVER_ROUNDS=5 node bench/server.mjs         longer rounds, more of them
//   BENCH_SERVER_STORES=mongo MONGODB_URI=mongodb://… node bench/server.mjs    one store (embedded or mongo)
//   BENCH_SERVER_MONGO_LONG_WRITES=0 node bench/server.mjs     without the long-history writes on MongoDB (their set-up takes minutes)
import { setTimeout as sleep } from 'node:timers/promises';
import { startJsonLinesChild } from './lib/jsonLinesChild.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { printSkipped } from './lib/report.mjs';
import { BENCH_RATE_LIMIT_PER_MINUTE, cleanEnvironment, startServe } from './lib/serveProcess.mjs';
import { apiClient, nextBodyIndex } from './lib/serverFixtures.mjs';
import { longHistory, setUp, shortHistory } from './lib/serverHistories.mjs';
import { describeBackend, dropDatabase, prepareMongoServe, provideServerMongo, withFreshDatabase } from './lib/serverMongo.mjs';
import { printStoreResults } from './lib/serverReport.mjs';
import { ROUTES } from './lib/serverRoutes.mjs';
import { alternate, driverRunner, httpRunner } from './lib/serverRunners.mjs';

const CONNECTIONS = 16;
const PLAN = { warmup: 1, rounds: positive('BENCH_SERVER_ROUNDS', 3), seconds: positive('BENCH_SERVER_SECONDS', 3) };
const MONGO_LONG_WRITES = process.env.BENCH_SERVER_MONGO_LONG_WRITES !== '0';
const STORES = (process.env.BENCH_SERVER_STORES ?? 'embedded,mongo').split(',').map((name) => name.trim());
const MONGO_LONG_SKIPPED = `BENCH_SERVER_MONGO_LONG_WRITES=0: it needs ${CONNECTIONS} participations with 1,000 events more each, one per connection, `
  + 'and building them through the API takes FerretDB minutes on two cores';

/** @param {{ mongo?: { uri?: string, postgresUrl?: string, source?: string } }} [env] the run's shared MongoDB, if any */
export async function server({ mongo } = {}) {
  const loadGenerator = startJsonLinesChild(new URL('./lib/loadGenerator.mjs', import.meta.url), { name: 'load generator' });
  const bare = startJsonLinesChild(new URL('./lib/bareServer.mjs', import.meta.url), { name: 'bare express server', env: cleanEnvironment() });
  try {
    const tools = { loadGenerator, bare, bareUrl: `http://127.0.0.1:${(await bare.next()).port}` };
    if (STORES.includes('embedded')) await onEmbedded(tools);
    if (STORES.includes('mongo')) await onMongo(tools, mongo);
  } finally {
    await loadGenerator.stop();
    await bare.stop();
  }
}

async function onEmbedded(tools) {
  const serve = await startServe(cleanEnvironment());
  try {
    await benchStore(tools, serve, { kind: 'embedded', label: 'the embedded store' });
  } finally {
    await serve.stop();
  }
}

async function onMongo(tools, shared) {
  const mongo = await provideServerMongo(shared);
  if (mongo.uri === undefined) {
    printSkipped('(e) Server: flexroll serve against bare express, on the MongoDB store', mongo.skipReason);
    return;
  }
  const databaseUri = withFreshDatabase(mongo.uri, 'server');
  const driver = startJsonLinesChild(new URL('./lib/driverLoop.mjs', import.meta.url), { name: 'MongoDB driver loop' });
  let serve;
  try {
    const label = `the MongoDB store on ${await describeBackend(mongo.uri, mongo.backend)} (${mongo.source})`;
    const setup = await prepareMongoServe(mongo, databaseUri);
    serve = await startServe(setup.env);
    await benchStore(tools, { ...serve, secretKey: setup.secretKey, programId: setup.programId }, { kind: 'mongo', label, driver, databaseUri });
  } finally {
    await serve?.stop();
    await driver.stop();
    await dropDatabase(databaseUri).catch(() => undefined);
    await mongo.stop();
  }
}

/** Measures one store; if the server went away meanwhile, says so with its last output rather than "fetch failed". */
async function benchStore(tools, serve, store) {
  try {
    await measureStore(tools, serve, store);
  } catch (error) {
    if (error?.cause?.code !== 'ECONNREFUSED' && error?.cause?.code !== 'ECONNRESET') throw error;
    throw new Error(await serve.exited(), { cause: error });
  }
}

/** Sets up, measures every route at both histories in alternating rounds, and prints the store's table. */
async function measureStore(tools, serve, store) {
  const api = apiClient(serve.base, serve.secretKey);
  const began = Date.now();
  const longCount = store.kind === 'mongo' && !MONGO_LONG_WRITES ? 1 : CONNECTIONS;
  const fixtures = await setUp(api, serve.programId, { kind: store.kind, connections: CONNECTIONS, longCount });
  progress(`${store.kind}: set up ${1 + longCount} participations (${fixtures.shortEvents} and ${fixtures.longEvents} events) in ${seconds(began)}`);
  const measured = [];
  let writeRate; // a guess at the next write case's rate, to size its pool of short-history participations
  for (const route of ROUTES) {
    const expectedWrites = (writeRate ?? 0) * (PLAN.warmup + PLAN.rounds * PLAN.seconds);
    const histories = [
      await shortHistory(api, route, fixtures, { connections: CONNECTIONS, expectedWrites, progress }),
      await longHistory(api, route, fixtures, { connections: CONNECTIONS, skipReason: MONGO_LONG_SKIPPED }),
    ];
    const running = histories.filter((history) => history.skipped === undefined);
    for (const history of running) history.runners = runnersFor(tools, api, route, history, store);
    const runners = running.flatMap((history) => Object.values(history.runners));
    progress(`${store.kind}: ${route.id} ${route.route}, ${runners.length} cases in alternating rounds`);
    const results = await alternate(runners, PLAN);
    for (const history of running) {
      history.results = Object.fromEntries(Object.entries(history.runners).map(([role, runner]) => [role, results[runners.indexOf(runner)]]));
    }
    // The first write case is guessed at half the rate of GET participation (about what it is on both stores), the
    // next at the rate of the one before. The "events" column shows what the participations really gained.
    const { okPerSec } = histories[0].results.real;
    if (route.id === 'GET participation') writeRate = okPerSec / 2;
    else if (route.bodies !== undefined) writeRate = okPerSec;
    measured.push({ route, histories });
  }
  printStoreResults(store, measured, notes(fixtures, serve), CONNECTIONS);
}

/** The real server and the bare app on a history's lanes; on MongoDB, GET enrollment also against the driver loop. */
function runnersFor(tools, api, route, history, store) {
  const common = { loadGenerator: tools.loadGenerator, connections: CONNECTIONS, method: route.method, headers: { authorization: `Bearer ${api.key}` }, lanes: history.lanes };
  const table = [{ method: route.method, path: route.pattern, json: route.bodies !== undefined, answers: history.answers }];
  const runners = {
    real: httpRunner({
      ...common, url: api.base,
      // A request whose answer never came (a dropped connection): give the server a moment, then ask where it stands.
      recover: async (targets) => {
        await sleep(1000);
        return Promise.all(targets.map((target) => nextBodyIndex(api, target.participationId)));
      },
    }),
    bare: httpRunner({ ...common, url: tools.bareUrl, prepare: () => tools.bare.ask(table) }),
  };
  if (store.driver !== undefined && route.id === 'GET enrollment') {
    runners.driver = driverRunner({ driver: store.driver, uri: store.databaseUri, collection: 'enrollments', id: history.lanes[0][0].enrollmentId, connections: CONNECTIONS });
  }
  return runners;
}

function notes(fixtures, serve) {
  return [
    'flexroll serve (node packages/cli/dist/main.js serve --port 0 --sweep-seconds 0) with',
    `FLEXROLL_RATE_LIMIT_PER_MINUTE=${BENCH_RATE_LIMIT_PER_MINUTE}: the default, 600 requests per key per minute, would answer this load with 429s.`,
    `Log level info (the default): one JSON line per request to a pipe, drained and discarded (${serve.logLines().toLocaleString('en-US')} lines). Sweeps off.`,
    `Load: autocannon in its own process, ${CONNECTIONS} keep-alive connections, one request in flight each. Each case and its baseline`,
    `in ${PLAN.rounds} alternating rounds of ${PLAN.seconds} s after ${PLAN.warmup} s of warm-up: a connection sends for that long, then waits for its last`,
    'answer; 2xx/s = 2xx answers ÷ time to the last answer; p50/p99 are the 2xx answers\' latencies. Ratios are of 2xx/s.',
    '"bare express": express 5 in its own process answering with the bytes the real server answered (JSON bodies parsed).',
    `History: short = ${fixtures.shortEvents} events on the enrollment, long = ${fixtures.longEvents}+. "events": a write case's participations`,
    'before → after (mean). "body bytes": the answer measured (raise / clear for the writes).',
  ];
}

function progress(message) {
  process.stderr.write(`server bench: ${message}\n`);
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function positive(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
}

if (isMain(import.meta.url)) await runBenches([server], { needsMongo: false, watchdogMs: 12 * 60_000 });
