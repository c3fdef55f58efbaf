// (n) Issue 25 / ADR 0021: one page of the event list, and of a delivery log, at 1,000 and at 100,000 enrollments
// (about 10 events each), on the embedded store and on the MongoDB store (MONGODB_URI, else FerretDB on PostgreSQL
// started here). Each size is a database of its own, seeded with the repositories' insertMany (the bucket index is
// written as an import would write it). Events come at the same rate at both sizes (one every 50 ms of the log's
// clock): the larger log is longer, not denser, which is what a workspace that grows looks like.
//
// On PostgreSQL the tables are vacuumed and analysed after seeding, as autovacuum would (see vacuum()).
// The sizes alternate round by round, so a busy moment of the machine falls on both alike.
// Measured through the core's services (the route adds the same rendering at both sizes): the first page (page form),
// page 5 (page form, 80 skipped), a cursor page from the middle of the log, one enrollment's log, a rare type (the
// walk stops at the scan limit), and the delivery log's first page and a cursor page from its middle. Issue 24 (x):
// the events are spread over 10 program instances, and a key scoped to one instance, and to two (their lists merged),
// reads its first page and a cursor page from the middle; and one event appended in a new second, of no instance (the
// cost before per-instance lists: the workspace list's index alone) and of an instance (its list's index too).
// Prints the median per case and the ratio 100,000 / 1,000 (the bar: at most 1.5).
//
//   node bench/eventPages.mjs                                  (after npm run build:all)
//   BENCH_EVENT_PAGES_STORES=embedded node bench/eventPages.mjs
//   BENCH_EVENT_PAGES_SIZES=1000,20000 BENCH_EVENT_PAGES_REPEAT=30 node bench/eventPages.mjs
import 'reflect-metadata';
import pg from 'pg';
import { Container } from 'inversify';
import { EventService, STORE_TOKENS, WebhookLogService, resolvePort, SystemClock, encodeListCursor, eventKeyOf, messageKeyOf } from '@flexroll/core';
import { createMemoryStore } from '@flexroll/store-memory';
import { sizesOnEachStore } from './lib/sizesOnEachStore.mjs';

const SIZES = (process.env.BENCH_EVENT_PAGES_SIZES ?? '1000,100000').split(',').map(Number);
const STORES = (process.env.BENCH_EVENT_PAGES_STORES ?? 'embedded,mongo').split(',').map((name) => name.trim());
const REPEAT = Number(process.env.BENCH_EVENT_PAGES_REPEAT ?? 15);
const EVENTS_PER_ENROLLMENT = 10;
const MESSAGES = 20_000;
const BASE = Date.parse('2025-01-01T00:00:00.000Z');
const WS = 'ws_bench_pages';
const ENDPOINT = 'whe_0000000000000000000bench0';
const TYPES = ['enrollment.updated', 'participation.updated', 'participation.state_changed'];
const INSTANCES = 10;

async function main() {
  const results = await sizesOnEachStore({
    stores: STORES, sizes: SIZES, repeat: REPEAT, databasePrefix: 'pages',
    seedEmbedded: (size) => seed(() => memoryPorts(), size),
    seedMongo: (store, size, mongo) => seed(() => mongoPorts(store), size, () => vacuum(mongo, store)),
  });
  report(results);
}


function memoryPorts() {
  const store = createMemoryStore();
  return { events: store.events, workspaceEvents: store.workspaceEvents, messages: store.webhookMessages, endpoints: store.webhookEndpoints };
}

function mongoPorts(store) {
  const container = new Container();
  container.load(store.module());
  return { events: resolvePort(container, STORE_TOKENS.events), workspaceEvents: resolvePort(container, STORE_TOKENS.workspaceEvents), messages: resolvePort(container, STORE_TOKENS.webhookMessages), endpoints: resolvePort(container, STORE_TOKENS.webhookEndpoints) };
}

/**
 * After the bulk load, what autovacuum does on its own a little later: PostgreSQL keeps new GIN entries in a pending
 * list (up to 4 MB per index) that every lookup scans until it is merged, so right after a million inserts an `_id`
 * lookup takes tens of ms. Measuring then would time the load's aftermath, not the query.
 */
async function vacuum(mongo, store) {
  if (mongo.postgresUrl === undefined) return;
  const client = new pg.Client({ connectionString: mongo.postgresUrl });
  await client.connect();
  try {
    const schema = store.connection.name;
    for (const { tablename } of (await client.query('SELECT tablename FROM pg_tables WHERE schemaname = $1', [schema])).rows) {
      await client.query(`VACUUM ANALYZE "${schema}"."${tablename}"`);
    }
  } finally {
    await client.end();
  }
}

/** Seeds one store at one size and gives its cases, each one page read. */
async function seed(makePorts, enrollments, afterSeeding = async () => {}) {
  const ports = makePorts();
  const started = Date.now();
  const total = enrollments * EVENTS_PER_ENROLLMENT;
  let middle;
  for (let start = 0; start < total; start += 5000) {
    const chunk = [];
    for (let n = start; n < Math.min(total, start + 5000); n++) chunk.push(eventAt(n, enrollments));
    await ports.events.insertMany(chunk);
    if (middle === undefined && start + 5000 > total / 2) middle = chunk[Math.floor(total / 2) - start];
  }
  await ports.endpoints.insert({ id: ENDPOINT, workspaceId: WS, url: 'https://hooks.example.com/', eventTypes: TYPES, status: 'enabled', sealedSecret: 'sealed', createdAt: iso(0), updatedAt: iso(0) });
  const messageCount = Math.min(MESSAGES, total);
  let middleMessage;
  for (let start = 0; start < messageCount; start += 50) {
    const batch = Array.from({ length: Math.min(50, messageCount - start) }, (_, n) => messageAt(start + n));
    await Promise.all(batch.map((message) => ports.messages.insert(message)));
    middleMessage ??= batch.find((message) => message.id === messageAt(Math.floor(messageCount / 2)).id);
  }
  await afterSeeding();
  console.log(`  seeded ${total.toLocaleString('en')} events and ${messageCount.toLocaleString('en')} messages in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const clock = new SystemClock();
  const events = new EventService(ports.events, ports.workspaceEvents);
  const log = new WebhookLogService(ports.endpoints, ports.messages, undefined, clock);
  const context = { workspaceId: WS };
  const oneInstance = { workspaceId: WS, programInstanceIds: [instanceIdOf(0)] };
  const twoInstances = { workspaceId: WS, programInstanceIds: [instanceIdOf(0), instanceIdOf(1)] };
  let appended = 0;
  // Each append in a second of its own after the log's end, as a live append in a new second is.
  const append = (withInstance) => {
    const n = total + 1_000 + appended++;
    const { programInstanceId: _instance, ...event } = eventAt(n, enrollments);
    return ports.events.insert({ ...event, id: `evt_append_${n}`, enrollmentId: `cappend${String(n).padStart(18, '0')}`, seq: 1, occurredAt: iso(n * 1000), ...(withInstance ? { programInstanceId: instanceIdOf(n) } : {}) });
  };
  const middleCursor = encodeListCursor(eventKeyOf(middle));
  const messageCursor = encodeListCursor(messageKeyOf(middleMessage));
  const cases = {
    'events: first page (perPage 20)': () => events.list(context, {}, { page: 1, perPage: 20 }),
    'events: page 5 (perPage 20)': () => events.list(context, {}, { page: 5, perPage: 20 }),
    'events: cursor page from the middle (limit 20)': () => events.listAfter(context, {}, 20, middleCursor),
    'events: one enrollment (perPage 20)': () => events.list(context, { enrollmentId: enrollmentIdOf(Math.floor(enrollments / 2)) }, { page: 1, perPage: 20 }),
    'events: a rare type (limit 20, scan limit)': () => events.listAfter(context, { types: ['adapter.failed'] }, 20, undefined),
    'events, 1 instance scope: first page (perPage 20)': () => events.list(oneInstance, {}, { page: 1, perPage: 20 }),
    'events, 1 instance scope: cursor page from the middle': () => events.listAfter(oneInstance, {}, 20, middleCursor),
    'events, 2 instances scope: first page (perPage 20)': () => events.list(twoInstances, {}, { page: 1, perPage: 20 }),
    'events, 2 instances scope: cursor page from the middle': () => events.listAfter(twoInstances, {}, 20, middleCursor),
    'append in a new second: no instance (before)': () => append(false),
    'append in a new second: with its instance (after)': () => append(true),
    'delivery log: first page (perPage 20)': () => log.listMessages(context, ENDPOINT, {}, { page: 1, perPage: 20 }),
    'delivery log: cursor page from the middle': () => log.listMessagesAfter(context, ENDPOINT, {}, 20, messageCursor),
  };
  return cases;
}

function eventAt(n, enrollments) {
  const enrollment = n % enrollments;
  const seq = Math.floor(n / enrollments) + 1;
  const enrollmentId = enrollmentIdOf(enrollment);
  const type = TYPES[n % TYPES.length];
  return {
    id: `evt_${String(n).padStart(12, '0')}`, workspaceId: WS, enrollmentId, programInstanceId: instanceIdOf(enrollment), seq, type, occurredAt: iso(n * 50),
    actor: { type: 'system', id: 'bench' }, source: 'bench', data: { changes: { phone: `+1${n}` }, previous: {} }, batch: { id: `bat_${n}`, index: 0, size: 1 },
  };
}

function messageAt(n) {
  return {
    id: `msg_${String(n).padStart(24, '0')}`, workspaceId: WS, endpointId: ENDPOINT, eventId: `evt_${String(n).padStart(12, '0')}`, type: 'enrollment.updated',
    enrollmentId: enrollmentIdOf(n), seq: 1, payload: '{"id":"evt"}', createdAt: iso(n * 50), state: 'delivered', attempts: 1, roundStartedAtAttempt: 0,
  };
}

/** The program instance of enrollment `n`: enrollments take turns among {@link INSTANCES} instances. */
function instanceIdOf(n) {
  return `cinstbench${String(n % INSTANCES).padStart(15, '0')}`;
}

function enrollmentIdOf(n) {
  return `cbench${String(n).padStart(19, '0')}`;
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
    console.log(`\n${store} store: median ms per page at ${small.toLocaleString('en')} and ${large.toLocaleString('en')} enrollments (×${EVENTS_PER_ENROLLMENT} events), ratio (bar: 1.5)`);
    for (const name of Object.keys(low)) {
      const ratio = high[name] / low[name];
      console.log(`  ${name.padEnd(56)} ${low[name].toFixed(2).padStart(9)} ${high[name].toFixed(2).padStart(9)}   ×${ratio.toFixed(2)}${ratio > 1.5 ? '  ABOVE 1.5' : ''}`);
    }
  }
}

await main();
