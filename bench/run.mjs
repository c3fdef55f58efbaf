// `npm run bench` (= `npm run build && node bench/run.mjs`): every benchmark, one after another, with one MongoDB for
// all of them — MONGODB_URI, or a FerretDB started here on a free loopback port and stopped at the end; without
// either, the MongoDB cases print why they were skipped. Each prints a table with ops/s, p50/p95 latency and the
// ratio to its baseline measured in the same run. Bounded by iteration counts: about three minutes on two cores.
//
// Each file also runs alone: node bench/readPath.mjs | contention.mjs | storeComparison.mjs | http.mjs | webhooks.mjs
import { contention } from './contention.mjs';
import { http } from './http.mjs';
import { runBenches } from './lib/main.mjs';
import { readPath } from './readPath.mjs';
import { storeComparison } from './storeComparison.mjs';
import { webhooks } from './webhooks.mjs';

const started = Date.now();
await runBenches([readPath, contention, storeComparison, http, webhooks], { needsMongo: true });
process.stdout.write(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
