// (aa) Issue 21: how long opening the store takes when its lists were placed under an older placement version (ADR
// 0017, third addendum: every enrollment counted again and its keys rewritten), against an open that finds them
// current. The console's seeding (bench/consoleLists.mjs: states, manufacturers, deadlines, search keys), then the
// store left as a release before states were counted left it (ledger facets without states or control-character tags,
// no snapshots, documents without state or search keys, the marker without a version), then timed opens.
//
//   BENCH_REPLACE_SIZES=2000,10000 node --conditions=flexroll-test bench/listReplacement.mjs   (after npm run build:all)
import 'reflect-metadata';
import { listTotalsOf, dueDeadlinesOf, STORE_TOKENS } from '@flexroll/core';
import { mongoStoreModule, openMongoStore } from '@flexroll/store-mongo';
import { Container } from 'inversify';
import { seed, portsOf } from './consoleLists.mjs';
import { isMain, loadAverage, runBenches } from './lib/main.mjs';
import { describeServer, openMongoBenchStore } from './lib/mongo.mjs';
import { printCells } from './lib/report.mjs';

const SIZES = (process.env.BENCH_REPLACE_SIZES ?? '2000,10000').split(',').map(Number);
const INSTANCE = 'cllgn0u4r000008l7eazybfbo';
const MARKER = 'migrations:enrollment-list-positions';
const BATCH = 500;

export async function listReplacement({ mongo }) {
  if (mongo?.uri === undefined) {
    process.stdout.write(`\nstore-mongo SKIPPED: ${mongo?.skipReason ?? 'no MongoDB was provided'}\n`);
    return;
  }
  const rows = [];
  let label = '';
  for (const size of SIZES) {
    const measured = await atSize(mongo, size);
    label = measured.label;
    rows.push(measured);
  }
  printCells(`(aa) Opening a store whose lists an older version placed — ${label}, one instance`, [
    'enrollments', 'open placing every enrollment again, s', 'open with lists current (baseline), s', 'ratio', 'per 100,000 (linear), min', 'load before → after', 'figures right after',
  ], rows.map((row) => [
    row.size.toLocaleString('en-US'), (row.replacing / 1000).toFixed(1), (row.current / 1000).toFixed(1), `${(row.replacing / row.current).toFixed(1)}×`,
    ((row.replacing / 60_000) * (100_000 / row.size)).toFixed(1), `${row.loadBefore} → ${row.loadAfter}`, String(row.same),
  ]), ['figures right after: the home\'s totals and due deadlines equal those before the downgrade']);
}

async function atSize(mongo, size) {
  const store = await openMongoBenchStore(mongo, 'replace');
  try {
    const label = `store-mongo on ${await describeServer(store.connection)} (${mongo.source})`;
    const ws = 'ws_replace';
    let started = Date.now();
    await seed(portsOf(store), ws, size);
    const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);
    process.stderr.write(`${label}: seeded ${size} in ${seconds(started)} s (load ${loadAverage()})\n`);
    const right = await answers(store.connection, ws);
    started = Date.now();
    await placeAsAnOlderVersionDid(store.connection);
    process.stderr.write(`left as an older version placed it in ${seconds(started)} s; due deadlines counted then: ${JSON.stringify((await answers(store.connection, ws)).due.actionable)}\n`);
    const options = { dbName: store.connection.name, ...(mongo.postgresUrl === undefined ? {} : { ferretDbPostgresUrl: mongo.postgresUrl }) };
    const timedOpen = async () => {
      const begun = process.hrtime.bigint();
      const opened = await openMongoStore(mongo.uri, options);
      const ms = Number(process.hrtime.bigint() - begun) / 1e6;
      await opened.close();
      return ms;
    };
    const loadBefore = loadAverage();
    const replacing = await timedOpen();
    const loadAfter = loadAverage();
    const current = await timedOpen();
    const after = await answers(store.connection, ws);
    return { label, size, replacing, current, loadBefore, loadAfter, same: JSON.stringify(after) === JSON.stringify(right) };
  } finally {
    await store.close();
  }
}

/** The home's figures for the instance, read by a fresh container (no ledger folded in memory). */
async function answers(connection, ws) {
  const container = new Container();
  container.load(mongoStoreModule(connection));
  const counts = await container.get(STORE_TOKENS.enrollments).listCounts(ws, INSTANCE);
  return { totals: listTotalsOf(counts), due: dueDeadlinesOf(counts) };
}

/** As the store's spec does (replaceOutdatedLists.int.spec.ts), in batches. */
async function placeAsAnOlderVersionDid(connection) {
  const older = (facets) => {
    if (facets === undefined || facets === null) return undefined;
    const { participationState: _state, ...rest } = facets;
    return { ...rest, tags: facets.tags.filter((tag) => !tag.startsWith('\u0001')) };
  };
  // One update at a time, ten at once: FerretDB v1 answers a bulk of updates too slowly for the driver's socket timeout.
  const rewrite = async (collection, change) => {
    let batch = [];
    const flush = async () => {
      for (let at = 0; at < batch.length; at += 10) {
        await Promise.all(batch.slice(at, at + 10).map((document) => connection.collection(collection).updateOne({ _id: document._id }, { $set: change(document) })));
      }
      batch = [];
    };
    for await (const document of connection.collection(collection).find({})) {
      batch.push(document);
      if (batch.length === BATCH) await flush();
    }
    await flush();
  };
  await rewrite('enrollment_list_ledger', (entry) => ({ to: older(entry.to), ...(entry.from === undefined ? {} : { from: older(entry.from) }) }));
  await connection.collection('enrollment_list_counts').deleteMany({});
  await rewrite('enrollments', (document) => ({
    listKeys: (document.listKeys ?? []).filter((key) => !key.includes('|state|') && !key.includes('|all|') && !key.includes('\u0001')),
  }));
  await connection.collection('cursors').replaceOne({ _id: MARKER }, { value: '0', updatedAt: new Date().toISOString() }, { upsert: true });
}

if (isMain(import.meta.url)) await runBenches([listReplacement], { needsMongo: true, watchdogMs: 90 * 60_000 });
