// (c) Store comparison: creating enrollments (seed 004's Suzie by customerInfo, each with its own device) on the
// embedded store, the baseline, against store-mongo — on MONGODB_URI, or on a FerretDB v1 (SQLite) started for the
// run. A create writes a customer, a device claim (unique insert), the `enrollment.created` event (unique insert)
// and the projection. One lane, then eight, each on an empty store.
//
//   node bench/storeComparison.mjs        (after npm run build)
import 'reflect-metadata';
import { createWithDevice, newHarness } from './lib/harness.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { measure } from './lib/measure.mjs';
import { describeServer, openMongoBenchStore } from './lib/mongo.mjs';
import { printTable } from './lib/report.mjs';
import { openMemoryBenchStore } from './lib/stores.mjs';

const LANES = [1, 8];
const PLANS = {
  memory: { iterations: 2000, warmup: 200 },
  mongo: { iterations: 150, warmup: 15 },
};

export async function storeComparison({ mongo }) {
  const rows = [];
  const notes = [];
  let server;
  for (const lanes of LANES) {
    const baseline = `store-memory, ${lanes} lane${lanes === 1 ? '' : 's'}`;
    rows.push({ name: baseline, baseline, result: await createMany(openMemoryBenchStore(), { ...PLANS.memory, concurrency: lanes }) });
    if (mongo?.uri === undefined) continue;
    const store = await openMongoBenchStore(mongo, 'create');
    try {
      server ??= await describeServer(store.connection);
      rows.push({ name: `store-mongo, ${lanes} lane${lanes === 1 ? '' : 's'}`, baseline, result: await createMany(store, { ...PLANS.mongo, concurrency: lanes }) });
    } finally {
      await store.close();
    }
  }
  if (mongo?.uri === undefined) notes.push(`store-mongo SKIPPED: ${mongo?.skipReason ?? 'no MongoDB was provided'}`);
  else notes.push(`store-mongo ran on ${server}: ${mongo.source}, over loopback.`);
  printTable('(c) Store comparison: create enrollment', rows, notes);
}

async function createMany(store, plan) {
  const h = newHarness(store.module());
  const { context, instance } = await h.tenant();
  return measure((index) => createWithDevice(h, context, instance, `create-${index}`), plan);
}

if (isMain(import.meta.url)) await runBenches([storeComparison], { needsMongo: true });
