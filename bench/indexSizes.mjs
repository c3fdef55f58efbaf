// What each collection and each index weighs per enrollment and per event, measured on FerretDB on PostgreSQL
// (docs/operations.md, "Indexes and their sizes"). Not part of `npm run bench`: it seeds 100,000 enrollments.
//
// How the store is filled: a real `flexroll serve` and `flexroll worker` make a template of TEMPLATE enrollments
// through the API (each created, changed once, its webhook messages delivered to a receiver and their attempts
// recorded, its deadline derived). Every document of the template that names one of those enrollments (directly or
// through an id of its own: event, message, attempt, deadline, claim, …) is then copied, with those ids rewritten to
// ids of the same length, until the store holds SIZES enrollments. The first size's copies are inserted before a serve
// process opens the database and builds its indexes (MongoDB's, and the GIN indexes of ADR 0008): a bulk build, which
// packs B-trees tighter than inserts do; the later sizes' copies are inserted into the indexed collections, as in
// production, so the growth between sizes is the insert-built figure. Then VACUUM ANALYZE, and the sizes: PostgreSQL's
// pg_relation_size of each table and index (FerretDB v1 keeps a collection as a table, a MongoDB index as a B-tree
// on its expressions). Printed per document, and per million enrollments and per million events, at each size, so
// that the growth is seen to be linear.
//
//   npm run build:all && node --conditions=flexroll-test bench/indexSizes.mjs
//   BENCH_INDEX_SIZES=10000,100000 BENCH_INDEX_TEMPLATE=100 node --conditions=flexroll-test bench/indexSizes.mjs
//   BENCH_INDEX_SIZES=5000 BENCH_INDEX_DOUBLINGS=5 …   (5,000 through FerretDB, then doubled in PostgreSQL to 160,000)
//   BENCH_INDEX_MEASURE=postgres://…/<database>#<schema> …   (only the sizes of a database filled already, e.g. by a
//                                                            run stopped after its last doubling's inserts)
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { EJSON } from 'bson';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { provideMongo } from './lib/mongo.mjs';
import { printMachine } from './lib/main.mjs';

const SIZES = (process.env.BENCH_INDEX_SIZES ?? '10000,100000').split(',').map(Number);
const TEMPLATE = Number(process.env.BENCH_INDEX_TEMPLATE ?? 100);
const DOUBLINGS = Number(process.env.BENCH_INDEX_DOUBLINGS ?? 0);
const { ServeProcess, FLEXROLL_MAIN } = await import('../test/build/support/ServeProcess.js');
const { call, createTenant, deploymentEnv, enrollmentBody } = await import('../test/build/support/deploymentTenant.js');
const { WebhookReceiver } = await import('../test/build/support/WebhookReceiver.js');

/** Random ids of Flexroll's: 25 base-36 characters, or a prefix and 24 hex digits. */
const ID = /^(?:[0-9a-z]{25}|[a-z]{2,5}_[0-9a-f]{24})$/;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function dbUri(uri, name) {
  const url = new URL(uri);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Every string in a document, deep. */
function* strings(value) {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value !== null && typeof value === 'object' && !(value instanceof Date) && value._bsontype === undefined) {
    for (const item of Object.values(value)) yield* strings(item);
  }
}

async function makeTemplate(mongo, env) {
  const receiver = await WebhookReceiver.start();
  const serve = await ServeProcess.start(env);
  const worker = spawn(process.execPath, [FLEXROLL_MAIN, 'worker', '--interval', '3600'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const workerExited = new Promise((resolve) => worker.once('exit', resolve));
  try {
    const tenant = await createTenant(env, serve.base, 'Sized Utility');
    await call(serve.base, tenant.key, 'POST', '/webhook-endpoints', { url: receiver.url, eventTypes: ['enrollment.created', 'enrollment.updated', 'enrollment.status_changed', 'participation.state_changed'] });
    for (let n = 0; n < TEMPLATE; n++) {
      const created = await (await call(serve.base, tenant.key, 'POST', `/programInstances/${tenant.instanceId}/enrollments`, enrollmentBody(`SN-size-${String(n).padStart(6, '0')}`), { 'idempotency-key': `key-size-${String(n).padStart(6, '0')}` })).json();
      await call(serve.base, tenant.key, 'PATCH', `/enrollments/${created.id}`, { tags: ['sized', `batch-${n % 10}`] });
    }
    const owed = async () => {
      let count = 0;
      for (let after; ;) {
        const page = await (await call(serve.base, tenant.key, 'GET', `/events?limit=100${after === undefined ? '' : `&after=${after}`}`)).json();
        count += page.data.filter((event) => ['enrollment.created', 'enrollment.updated', 'enrollment.status_changed', 'participation.state_changed'].includes(event.type)).length;
        if (page.nextCursor === undefined || page.data.length === 0) return count;
        after = page.nextCursor;
      }
    };
    const total = await owed();
    for (let waited = 0; receiver.received.length < total && waited < 1200 && worker.exitCode === null; waited++) await sleep(100);
    if (receiver.received.length < total) throw new Error(`${receiver.received.length} of ${total} webhook deliveries (worker exit code ${worker.exitCode})`);
    await sleep(1000);
    return { tenant, deliveries: receiver.received.length };
  } finally {
    worker.kill('SIGTERM');
    await workerExited;
    await serve.kill9();
    await receiver.down();
  }
}

/**
 * Each collection's documents, counted by PostgreSQL in its table: FerretDB v1 answers countDocuments by reading every
 * document, which took minutes per count at 50,000 enrollments on this machine.
 */
async function counts(client, schema) {
  const meta = await client.query(`SELECT _jsonb ->> '_id' AS collection, _jsonb ->> 'table' AS table FROM "${schema}"._ferretdb_database_metadata`);
  const counted = new Map();
  for (const row of meta.rows) counted.set(row.collection, Number((await client.query(`SELECT count(*) AS n FROM "${schema}"."${row.table}"`)).rows[0].n));
  return counted;
}

async function sizes(client, schema) {
  const tables = new Map();
  const meta = await client.query(`SELECT _jsonb ->> '_id' AS collection, _jsonb ->> 'table' AS table, _jsonb -> 'indexes' AS indexes FROM "${schema}"._ferretdb_database_metadata`);
  for (const row of meta.rows) {
    const names = new Map((row.indexes ?? []).map((index) => [index.pgindex, index.name]));
    const table = (await client.query(`SELECT pg_relation_size($1::regclass) AS bytes`, [`"${schema}"."${row.table}"`])).rows[0].bytes;
    const toast = (await client.query(`SELECT coalesce(pg_relation_size(reltoastrelid), 0) AS bytes FROM pg_class WHERE oid = $1::regclass`, [`"${schema}"."${row.table}"`])).rows[0].bytes;
    const indexes = (await client.query(
      `SELECT i.relname AS name, pg_relation_size(i.oid) AS bytes FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = $1::regclass ORDER BY i.relname`,
      [`"${schema}"."${row.table}"`],
    )).rows.map((index) => ({ name: names.get(index.name) ?? index.name.replace(`flexroll_gin_${row.table}_`, 'GIN ').replace(/^flexroll_gin_.*_(?=[^_]+$)/, 'GIN … '), bytes: Number(index.bytes) }));
    tables.set(row.collection, { table: Number(table) + Number(toast), indexes });
  }
  return tables;
}

/** Sizes only, of a FerretDB database already filled in PostgreSQL: `postgres://…/<database>#<schema>`. */
async function measureOnly(target) {
  const url = new URL(target);
  const schema = decodeURIComponent(url.hash.slice(1));
  url.hash = '';
  const postgres = new pg.Client({ connectionString: url.toString() });
  await postgres.connect();
  try {
    for (const { tablename } of (await postgres.query('SELECT tablename FROM pg_tables WHERE schemaname = $1', [schema])).rows) {
      await postgres.query(`VACUUM ANALYZE "${schema}"."${tablename}"`);
    }
    const counted = await counts(postgres, schema);
    report([{ size: counted.get('enrollments'), counts: counted, sizes: await sizes(postgres, schema) }]);
  } finally {
    await postgres.end();
  }
}

async function main() {
  printMachine();
  if (process.env.BENCH_INDEX_MEASURE !== undefined) return measureOnly(process.env.BENCH_INDEX_MEASURE);
  const mongo = await provideMongo();
  if ('skipReason' in mongo) return void console.log(`skipped: ${mongo.skipReason}`);
  if (mongo.postgresUrl === undefined) return void console.log('skipped: needs FerretDB on PostgreSQL (the sizes are PostgreSQL\'s)');
  process.env.FLEXROLL_FERRETDB_POSTGRES_URL = mongo.postgresUrl;
  const client = new MongoClient(mongo.uri);
  const postgres = new pg.Client({ connectionString: mongo.postgresUrl });
  await postgres.connect();
  try {
    const templateDb = `flexroll_sizes_template_${process.pid}`;
    const env = deploymentEnv(mongo.uri, templateDb, { FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true', FLEXROLL_RATE_LIMIT_PER_MINUTE: '1000000', FLEXROLL_WEBHOOK_POLL_MS: '50' });
    const started = Date.now();
    const { tenant, deliveries } = await makeTemplate(mongo, env);
    console.log(`template: ${TEMPLATE} enrollments through the API, ${deliveries} webhook deliveries, ${((Date.now() - started) / 1000).toFixed(0)} s`);

    // The template's documents, and the ids that belong to its enrollments (everything but the tenant's own).
    await client.connect();
    const source = client.db(templateDb);
    const global = new Set([tenant.workspaceId, tenant.instanceId]);
    const collections = (await source.listCollections().toArray()).map((info) => info.name).filter((name) => !name.startsWith('system.'));
    const documents = new Map();
    for (const name of collections) documents.set(name, await source.collection(name).find({}).toArray());
    const singletons = new Set(['workspaces', 'programs', 'program_instances', 'api_keys', 'webhook_endpoints', 'eligibility_rule_versions', 'cursors', 'enrollment_list_counts', 'list_buckets']);
    for (const name of singletons) for (const doc of documents.get(name) ?? []) for (const value of strings(doc)) if (ID.test(value)) global.add(value);
    const owned = new Set();
    for (const [name, docs] of documents) {
      if (singletons.has(name)) continue;
      for (const doc of docs) for (const value of strings(doc)) if (ID.test(value) && !global.has(value)) owned.add(value);
    }
    // Serial numbers and idempotency keys are unique per workspace too: each copy gets its own.
    const serials = [...Array(TEMPLATE).keys()].flatMap((n) => [`SN-size-${String(n).padStart(6, '0')}`, `key-size-${String(n).padStart(6, '0')}`]);
    const rewritten = [...owned, ...serials].sort((a, b) => b.length - a.length);
    const pattern = new RegExp(rewritten.map((id) => id.replace(/[-_]/g, '\\$&')).join('|'), 'g');
    const perTemplate = new Map([...documents].map(([name, docs]) => [name, docs.map((doc) => EJSON.stringify(doc, { relaxed: false }))]));
    const cloned = new Map([...perTemplate].map(([name, texts]) => [name, singletons.has(name) ? [] : texts.filter((text) => { pattern.lastIndex = 0; return pattern.test(text); })]));
    console.log(`per template enrollment: ${[...cloned].filter(([, texts]) => texts.length > 0).map(([name, texts]) => `${name} ${(texts.length / TEMPLATE).toFixed(2)}`).join(', ')}`);

    // The measured database: the first size's copies are inserted, then a serve process opens it and builds every
    // index (MongoDB's, and ADR 0008's GIN indexes); the copies for the later sizes go into the indexed collections.
    const targetDb = `flexroll_sizes_${process.pid}`;
    const target = client.db(targetDb);
    const openTarget = async () => (await ServeProcess.start({ ...env, MONGODB_URI: dbUri(mongo.uri, targetDb) }, 900_000)).kill9();
    // What is not per enrollment is copied once (the opener may have made some of it already: those stay).
    for (const [name, docs] of documents) {
      if (docs.length > 0 && cloned.get(name).length === 0) await target.collection(name).insertMany(docs, { ordered: false }).catch(() => undefined);
    }
    let copies = 0;
    const results = [];
    const refused = new Map();
    for (const size of SIZES) {
      const insertStarted = Date.now();
      const pending = new Map();
      const flush = async () => {
        for (const [name, batch] of pending) {
          try {
            await target.collection(name).insertMany(batch, { ordered: false });
          } catch (error) {
            refused.set(name, (refused.get(name) ?? 0) + (error.writeErrors?.length ?? 1));
          }
        }
        pending.clear();
      };
      for (; copies < size / TEMPLATE; copies++) {
        const suffix = copies.toString(36).padStart(5, '0');
        if (copies % 20 === 19) await flush();
        for (const [name, texts] of cloned) {
          if (texts.length === 0) continue;
          // Same length for ids (their tails replaced); serial numbers get the suffix added, so each copy is a device of its own.
          const batch = texts.map((text) => EJSON.parse(text.replace(pattern, (id) => (id.includes('-size-') ? `${id}-${suffix}` : `${id.slice(0, -5)}${suffix}`)), { relaxed: false }));
          // A list ledger entry's _id is its instance and position, an idempotency record's key a hash of the
          // client's: a copy takes its own.
          if (name === 'enrollment_list_ledger') for (const doc of batch) doc._id = `${doc._id}~${suffix}`;
          if (name === 'idempotency_records') for (const doc of batch) doc.key = `${doc.key}~${suffix}`;
          pending.set(name, [...(pending.get(name) ?? []), ...batch]);
        }
      }
      await flush();
      if (results.length === 0) await openTarget();
      for (const { tablename } of (await postgres.query('SELECT tablename FROM pg_tables WHERE schemaname = $1', [targetDb])).rows) {
        await postgres.query(`VACUUM ANALYZE "${targetDb}"."${tablename}"`);
      }
      results.push({ size, counts: await counts(postgres, targetDb), sizes: await sizes(postgres, targetDb) });
      report(results);
      console.log(`${size} enrollments: inserted in ${((Date.now() - insertStarted) / 1000).toFixed(0)} s${refused.size === 0 ? '' : `; refused by a unique index: ${JSON.stringify(Object.fromEntries(refused))}`}`);
    }

    // Then doublings inside PostgreSQL (BENCH_INDEX_DOUBLINGS): FerretDB takes minutes per 10,000 enrollments on this
    // machine, PostgreSQL copies a table's rows in one statement. Each round inserts a copy of every row of the
    // per-enrollment tables, every id in it (but the tenant's) and every serial number and client key lengthened by
    // one letter of the round, and each document's _id too: new ids, same shape, one character longer per round
    // (under 2 % of an id). The indexes take the rows as inserts, as in production.
    const perEnrollment = [...cloned].filter(([, texts]) => texts.length > 0).map(([name]) => name);
    const tableOf = new Map((await postgres.query(`SELECT _jsonb ->> '_id' AS collection, _jsonb ->> 'table' AS table FROM "${targetDb}"._ferretdb_database_metadata`)).rows.map((row) => [row.collection, row.table]));
    const globals = [...global];
    for (let round = 0, size = SIZES.at(-1); round < DOUBLINGS; round++) {
      const letter = 'stuvwxyz'[round];
      const doubleStarted = Date.now();
      for (const name of perEnrollment) {
        let text = '_jsonb::text';
        globals.forEach((id, n) => { text = `replace(${text}, '${id}', '§${n}§')`; });
        text = `regexp_replace(${text}, '\\m([0-9a-z]{25,}|[a-z]{2,5}_[0-9a-z]{24,}|SN-size-[0-9a-z-]+|key-size-[0-9a-z-]+)\\M', '\\1${letter}', 'g')`;
        text = `regexp_replace(${text}, '("_id": "[^"]*)"', '\\1${letter}"')`;
        if (name === 'idempotency_records' || name === 'claims') text = `regexp_replace(${text}, '("key": "[^"]*)"', '\\1${letter}"')`;
        globals.forEach((id, n) => { text = `replace(${text}, '§${n}§', '${id}')`; });
        await postgres.query(`INSERT INTO "${targetDb}"."${tableOf.get(name)}" (_jsonb) SELECT (${text})::jsonb FROM "${targetDb}"."${tableOf.get(name)}"`);
      }
      size *= 2;
      for (const { tablename } of (await postgres.query('SELECT tablename FROM pg_tables WHERE schemaname = $1', [targetDb])).rows) {
        await postgres.query(`VACUUM ANALYZE "${targetDb}"."${tablename}"`);
      }
      const counted = await counts(postgres, targetDb);
      results.push({ size: counted.get('enrollments'), counts: counted, sizes: await sizes(postgres, targetDb) });
      report(results);
      console.log(`${counted.get('enrollments')} enrollments after doubling ${round + 1} in PostgreSQL (${((Date.now() - doubleStarted) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await client.close();
    await postgres.end();
    await mongo.stop?.();
  }
}

function report(results) {
  const last = results.at(-1);
  const events = last.counts.get('enrollment_events');
  const mb = (bytes) => (bytes / 1e6).toFixed(0);
  console.log(`\nSizes on FerretDB v1 on PostgreSQL, ${last.size} enrollments and ${events} events (${(events / last.size).toFixed(2)} per enrollment); bytes per document at each size, then MB per million enrollments (and per million events, for collections that grow with events)`);
  console.log(`| collection | index | docs per enrollment | ${results.map((r) => `bytes/doc at ${r.size}`).join(' | ')} | MB per 10⁶ enrollments | MB per 10⁶ events |`);
  console.log(`| --- | --- | ---: | ${results.map(() => '---:').join(' | ')} | ---: | ---: |`);
  for (const [collection, measured] of last.sizes) {
    const docs = last.counts.get(collection) ?? 0;
    if (docs < last.size / 10) continue;
    const eventScaled = collection === 'enrollment_events' || collection.startsWith('webhook_') || collection === 'delivery_attempts';
    const rows = [{ name: '(documents)', pick: (m) => m.table }, ...measured.indexes.map((index) => ({ name: index.name, pick: (m) => m.indexes.find((i) => i.name === index.name)?.bytes ?? 0 }))];
    for (const row of rows) {
      const perDoc = results.map((r) => { const n = r.counts.get(collection) ?? 0; const m = r.sizes.get(collection); return n === 0 || m === undefined ? '–' : (row.pick(m) / n).toFixed(0); });
      const bytes = row.pick(measured);
      console.log(`| ${collection} | ${row.name} | ${(docs / last.size).toFixed(2)} | ${perDoc.join(' | ')} | ${mb(bytes / last.size * 1e6)} | ${eventScaled ? mb(bytes / events * 1e6) : ''} |`);
    }
  }
  const total = [...last.sizes.values()].reduce((sum, m) => sum + m.table + m.indexes.reduce((s, i) => s + i.bytes, 0), 0);
  console.log(`\nall collections and indexes: ${mb(total)} MB at ${last.size} enrollments: ${(total / last.size).toFixed(0)} bytes per enrollment with its ${(events / last.size).toFixed(2)} events, messages and attempts`);
}

await main();
