// (v) Limits shared by every process (issue 23, item 1). Two measurements on FerretDB on PostgreSQL:
//
// 1. The hot path: two real `flexroll serve` processes on one database, one counting the rate limit and the
//    failed-authentication throttle with the other processes through the store (the default), one counting alone
//    (FLEXROLL_RATE_LIMIT_SHARED=false), driven in alternating rounds by the load generator on one key's
//    GET /programs/{id} (every request counted, none over the limit). The ratio of their rates is the cost of sharing.
// 2. Accuracy: three shared `serve` processes, one key limited to 600 per minute (the default window), twelve clients
//    taking the processes in turn for one whole clock-aligned minute. Allowed = answers that were not 429: at least
//    those answered before the minute ended were counted in it, at most those sent before it ended.
//
//   node --conditions=flexroll-test bench/sharedLimits.mjs   (after npm run build:all; about 3 minutes)
import { startJsonLinesChild } from './lib/jsonLinesChild.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { printCells, printSkipped, formatRatio } from './lib/report.mjs';
import { cleanEnvironment, startServe } from './lib/serveProcess.mjs';
import { describeBackend, dropDatabase, prepareMongoServe, provideServerMongo, withFreshDatabase } from './lib/serverMongo.mjs';
import { alternate, httpRunner } from './lib/serverRunners.mjs';

const TITLE = '(v) Limits shared by every process';
const CONNECTIONS = 16;
const ROUNDS = 10;
const SECONDS = 3;
const LIMIT = 600;
const CLIENTS = 12;

export async function sharedLimits({ mongo: shared } = {}) {
  const mongo = await provideServerMongo(shared);
  if (mongo.skipReason !== undefined) return printSkipped(TITLE, mongo.skipReason);
  const databaseUri = withFreshDatabase(mongo.uri, 'shared');
  try {
    const backend = await describeBackend(mongo.uri, mongo.backend);
    const prepared = await prepareMongoServe(mongo, databaseUri);
    // BENCH_SHARED_LIMITS=hot or =accuracy runs one part alone.
    const part = process.env.BENCH_SHARED_LIMITS;
    if (part !== 'accuracy') await hotPath(prepared, backend);
    if (part !== 'hot') await accuracy(prepared, backend);
  } finally {
    await dropDatabase(databaseUri).catch(() => undefined);
    await mongo.stop();
  }
}

async function hotPath({ env, secretKey, programId }, backend) {
  const sharedServe = await startServe({ ...env, LOG_LEVEL: 'warn' });
  const aloneServe = await startServe({ ...env, LOG_LEVEL: 'warn', FLEXROLL_RATE_LIMIT_SHARED: 'false' });
  const loadGenerator = startJsonLinesChild(new URL('./lib/loadGenerator.mjs', import.meta.url), { name: 'load generator', env: cleanEnvironment() });
  try {
    const runner = (base) => httpRunner({ loadGenerator, url: base, connections: CONNECTIONS, method: 'GET', headers: { authorization: `Bearer ${secretKey}` }, lanes: [[{ path: `/programs/${programId}` }]] });
    const [alone, sharedResult] = await alternate([runner(aloneServe.base), runner(sharedServe.base)], { warmup: 2, rounds: ROUNDS, seconds: SECONDS });
    // Each round's pair (alone, then shared, back to back) as a ratio: the machine's load drifts between rounds far
    // more than between the two halves of one, so the median of the pairs is the figure to read.
    const pairs = sharedResult.roundRates.map((rate, round) => rate / alone.roundRates[round]).sort((a, b) => a - b);
    const median = (pairs[(pairs.length - 1) >> 1] + pairs[pairs.length >> 1]) / 2;
    const row = (label, result) => [label, String(result.ok), String(result.non2xx + result.errors), result.okPerSec.toFixed(0), result.roundRates.map((rate) => rate.toFixed(0)).join(' '), result.p50.toFixed(2), result.p99.toFixed(2), formatRatio(result.okPerSec / alone.okPerSec)];
    printCells(`${TITLE}: the hot path on ${backend}`, ['case', '2xx', 'other', 'req/s', 'each round', 'p50 ms', 'p99 ms', 'rate vs alone'], [
      row('counted in this process alone (FLEXROLL_RATE_LIMIT_SHARED=false)', alone),
      row('counted with every process through the store (default)', sharedResult),
    ], [
      `One key's GET /programs/{id} from ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s after 2 s of warm-up each;`,
      `the limit far above the load, so every request is counted and none refused. Shared ÷ alone, all rounds: ${formatRatio(sharedResult.okPerSec / alone.okPerSec)};`,
      `per round pair: ${pairs.map((ratio) => ratio.toFixed(2)).join(' ')}; median ${formatRatio(median)} (target: within 5 %, i.e. at least 0.95×).`,
    ]);
  } finally {
    await loadGenerator.stop();
    await sharedServe.stop();
    await aloneServe.stop();
  }
}

async function accuracy({ env, secretKey, programId }, backend) {
  const serves = [];
  try {
    for (let n = 0; n < 3; n++) serves.push(await startServe({ ...env, LOG_LEVEL: 'warn', FLEXROLL_RATE_LIMIT_PER_MINUTE: String(LIMIT), FLEXROLL_RATE_LIMIT_WINDOW_SECONDS: '60' }));
    const windowMs = 60_000;
    const start = (Math.floor(Date.now() / windowMs) + 1) * windowMs;
    const end = start + windowMs;
    await new Promise((resolve) => setTimeout(resolve, start - Date.now()));
    let turn = 0;
    const answers = { allowedBeforeEnd: 0, allowedSentBeforeEnd: 0, limited: 0, other: 0, perProcess: [0, 0, 0] };
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < end) {
        const index = turn++ % serves.length;
        const response = await fetch(`${serves[index].base}/programs/${programId}`, { headers: { authorization: `Bearer ${secretKey}` } }).catch(() => undefined);
        await response?.arrayBuffer();
        if (response?.status === 429) answers.limited++;
        else if (response?.status === 200) {
          answers.allowedSentBeforeEnd++;
          answers.perProcess[index]++;
          if (Date.now() < end) answers.allowedBeforeEnd++;
        } else answers.other++;
      }
    }));
    printCells(`${TITLE}: one key at ${LIMIT} per minute through three serve processes on ${backend}`, ['allowed (at least)', 'allowed (at most)', 'per process', '429', 'other', 'target'], [
      [String(answers.allowedBeforeEnd), String(answers.allowedSentBeforeEnd), answers.perProcess.join(' / '), String(answers.limited), String(answers.other), '570–660'],
    ], [`${CLIENTS} clients, each taking the next process in turn, for one clock-aligned minute; counted per process alone, the three would allow ${3 * LIMIT}.`]);
  } finally {
    for (const serve of serves) await serve.stop();
  }
}

if (isMain(import.meta.url)) await runBenches([sharedLimits], { needsMongo: false, watchdogMs: 20 * 60_000 });
