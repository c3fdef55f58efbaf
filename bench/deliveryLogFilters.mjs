// (q) Issue 18 / ADR 0022: finding messages in an endpoint's delivery log by enrollment, event type, state and
// creation time, at 1,000 and at 100,000 messages, on the embedded store and on the MongoDB store (MONGODB_URI, else
// FerretDB on PostgreSQL started here). Each size is a database of its own, seeded through the repository's own insert
// (the writer's path: each new second indexed, then the message), then vacuumed and analysed on PostgreSQL, as
// autovacuum would. Messages come at the same rate at both sizes (one every 50 ms): the larger log is longer, not
// denser. Each enrollment has five messages of five types, spread over the whole log; one message in 1,000 is a rare
// type, one in 100 failed.
//
// Measured through the core's WebhookLogService (the route adds the same rendering at both sizes), the sizes
// alternating round by round. Prints the median per case and the ratio 100,000 / 1,000. The first case is how a
// consumer found one event's message before the filters: paging the whole log (limit 100) until it appears; it runs
// once per size.
//
//   node --conditions=flexroll-test bench/deliveryLogFilters.mjs              (after npm run build:all)
//   BENCH_LOG_FILTERS_STORES=embedded BENCH_LOG_FILTERS_SIZES=1000,20000 node --conditions=flexroll-test bench/deliveryLogFilters.mjs
import 'reflect-metadata';
import { Container } from 'inversify';
import { STORE_TOKENS, WebhookLogService, resolvePort, SystemClock } from '@flexroll/core';
import { createMemoryStore } from '@flexroll/store-memory';
import { sizesOnEachStore } from './lib/sizesOnEachStore.mjs';
import { vacuumAnalyze } from './lib/vacuumAnalyze.mjs';

const SIZES = (process.env.BENCH_LOG_FILTERS_SIZES ?? '1000,100000').split(',').map(Number);
const STORES = (process.env.BENCH_LOG_FILTERS_STORES ?? 'embedded,mongo').split(',').map((name) => name.trim());
const REPEAT = Number(process.env.BENCH_LOG_FILTERS_REPEAT ?? 11);
const BASE = Date.parse('2025-01-01T00:00:00.000Z');
const WS = 'ws_bench_log';
const ENDPOINT = 'whe_0000000000000000000b10f0';
const JOURNEY = ['enrollment.created', 'enrollment.eligibility_evaluated', 'enrollment.status_changed', 'participation.state_changed', 'participation.updated'];
const RARE = 'enrollment.deleted';

async function main() {
  const results = await sizesOnEachStore({
    stores: STORES, sizes: SIZES, repeat: REPEAT, databasePrefix: 'log',
    seedEmbedded: (size) => seed(memoryPorts(), size),
    seedMongo: (store, size, mongo) => seed(mongoPorts(store), size, async () => (mongo.postgresUrl === undefined ? undefined : vacuumAnalyze(mongo.postgresUrl))),
  });
  report(results);
}


function memoryPorts() {
  const store = createMemoryStore();
  return { messages: store.webhookMessages, endpoints: store.webhookEndpoints };
}

function mongoPorts(store) {
  const container = new Container();
  container.load(store.module());
  return { messages: resolvePort(container, STORE_TOKENS.webhookMessages), endpoints: resolvePort(container, STORE_TOKENS.webhookEndpoints) };
}

/** Seeds one store with `size` messages and gives its cases, each one request's read. */
async function seed(ports, size, afterSeeding = async () => {}) {
  const started = Date.now();
  await ports.endpoints.insert({ id: ENDPOINT, workspaceId: WS, url: 'https://hooks.example.com/', eventTypes: [...JOURNEY, RARE], status: 'enabled', sealedSecret: 'sealed', createdAt: iso(0), updatedAt: iso(0) });
  for (let start = 0; start < size; start += 25) {
    await Promise.all(Array.from({ length: Math.min(25, size - start) }, (_, n) => ports.messages.insert(messageAt(start + n, size))));
  }
  await afterSeeding();
  console.log(`  seeded ${size.toLocaleString('en')} messages in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const log = new WebhookLogService(ports.endpoints, ports.messages, undefined, new SystemClock());
  const context = { workspaceId: WS };
  // The message a consumer looks for: the middle enrollment's participation.state_changed, in the log's second half.
  const wanted = messageAt(3 * enrollmentsOf(size) + Math.floor(enrollmentsOf(size) / 2), size);
  const windowFrom = iso(Math.floor(size / 2) * 50);
  const windowTo = iso(Math.floor(size / 2) * 50 + 60_000);
  const found = (page) => {
    if (!page.data.some((message) => message.eventId === wanted.eventId)) throw new Error(`the wanted message is not on the page (${page.data.length} messages)`);
  };
  return {
    'once: before: page the whole log (limit 100) to one event': async () => {
      let after;
      for (let pages = 1; ; pages++) {
        const page = await log.listMessagesAfter(context, ENDPOINT, {}, 100, after);
        if (page.data.some((message) => message.eventId === wanted.eventId)) return void console.log(`  at ${size.toLocaleString('en')} messages, paging the whole log found the event on page ${pages}`);
        if (!page.hasMore) throw new Error('walked the whole log without the wanted message');
        after = page.nextCursor;
      }
    },
    'one event: enrollmentId + type (page form)': async () => found(await log.listMessages(context, ENDPOINT, { enrollmentId: wanted.enrollmentId, types: [wanted.type] }, { page: 1, perPage: 20 })),
    'one enrollment, exact totals (page form)': async () => found(await log.listMessages(context, ENDPOINT, { enrollmentId: wanted.enrollmentId }, { page: 1, perPage: 20 })),
    'a common type: first page (limit 20)': () => log.listMessagesAfter(context, ENDPOINT, { types: ['participation.updated'] }, 20, undefined),
    'a rare type: first page (limit 20)': () => log.listMessagesAfter(context, ENDPOINT, { types: [RARE] }, 20, undefined),
    'two types in a 60 s window mid-log (limit 20)': () => log.listMessagesAfter(context, ENDPOINT, { types: [wanted.type, RARE], createdFrom: windowFrom, createdTo: windowTo }, 20, undefined),
    'state=failed, 1 in 100 (limit 20)': () => log.listMessagesAfter(context, ENDPOINT, { state: 'failed' }, 20, undefined),
    'no filter: first page (perPage 20)': () => log.listMessages(context, ENDPOINT, {}, { page: 1, perPage: 20 }),
  };
}

/** Five messages per enrollment; message n is enrollment n mod E's (n div E)-th step, so each journey spans the log. */
function enrollmentsOf(size) {
  return Math.max(1, Math.floor(size / JOURNEY.length));
}

function messageAt(n, size) {
  const enrollments = enrollmentsOf(size);
  const enrollment = n % enrollments;
  const step = Math.floor(n / enrollments);
  const type = n % 1000 === 999 ? RARE : JOURNEY[step % JOURNEY.length];
  return {
    id: `msg_${String(n).padStart(24, '0')}`, workspaceId: WS, endpointId: ENDPOINT, eventId: `evt_${String(n).padStart(12, '0')}`, type,
    enrollmentId: `cbenchlog${String(enrollment).padStart(16, '0')}`, seq: step + 1, payload: '{"id":"evt"}', createdAt: iso(n * 50),
    state: n % 100 === 42 ? 'failed' : 'delivered', attempts: 1, roundStartedAtAttempt: 0,
  };
}

function iso(ms) {
  return new Date(BASE + ms).toISOString();
}

function report(results) {
  const [small, large] = SIZES;
  for (const store of ['embedded', 'mongo']) {
    const low = results.get(`${store} ${small}`);
    const high = results.get(`${store} ${large}`);
    if (low === undefined || high === undefined) continue;
    console.log(`\n${store} store: median ms per request at ${small.toLocaleString('en')} and ${large.toLocaleString('en')} messages, and their ratio (target: under 1,000 ms at ${large.toLocaleString('en')})`);
    for (const name of Object.keys(low)) {
      const ratio = high[name] / low[name];
      console.log(`  ${name.padEnd(56)} ${low[name].toFixed(2).padStart(10)} ${high[name].toFixed(2).padStart(10)}   ×${ratio.toFixed(2)}${high[name] >= 1000 && !name.startsWith('once:') ? '  OVER 1 s' : ''}`);
    }
  }
}

await main();
