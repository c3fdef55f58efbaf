// `npm run bench` (= `npm run build && node bench/run.mjs`): every benchmark, one after another. Each prints tables
// with the ratio of each case to a baseline measured in the same run.
//
// (a)–(c) run in this process on the stores directly, with one MongoDB for all of them: MONGODB_URI, or a FerretDB
// started here on a free loopback port and stopped at the end. (e) drives the real `flexroll serve` from a load
// generator in another process, against a bare express app, on the embedded store and then on MongoDB: MONGODB_URI,
// or FerretDB on PostgreSQL (scripts/ferretdb.mjs). (f) measures memory in a process of its own. (g) weighs a seed 002
// submission against the trigger it makes. Without a MongoDB the MongoDB cases print why they were skipped.
//
// Each file also runs alone: node bench/readPath.mjs | contention.mjs | storeComparison.mjs | server.mjs | memory.mjs
// | submissions.mjs | operatorEvents.mjs | importJob.mjs. (h) weighs an operator event and a signed operator webhook
// against the trigger they make; (i) an import job of candidates against a bare insertMany of the same documents;
// webhooks.mjs (j): webhook deliveries against a raw loop of signed POSTs, and append-to-delivery latency;
// hotEnrollment.mjs (k): 50 writers on one enrollment against 50 on an enrollment each, and everyone else's latency;
// noisyNeighbour.mjs (p): 12 clients paging workspace A (BENCH_NOISY_ENROLLMENTS) against workspace B's reads.
// webhookWorkers.mjs (q): append → delivery by two flexroll workers on MongoDB at 100 events/s, quiet and with kills.
// consoleLists.mjs (u): the console's list filters and home summary at 1,000 and 100,000 enrollments in one instance.
import { consoleLists } from './consoleLists.mjs';
// sharedLimits.mjs (v): the shared rate limit's hot-path cost against a per-process count, and its accuracy at 600/min.
// soak.mjs (w): 3 serve + 2 worker behind HAProxy for 10 minutes, a random process killed -9 every 10 s.
// consoleInteractive.mjs (y): the console's Enrollments list in chromium, navigation to list ready, at 1,000 and 100,000.
import { consoleInteractive } from './consoleInteractive.mjs';
import { contention } from './contention.mjs';
import { hotEnrollment } from './hotEnrollment.mjs';
import { operatorEvents } from './operatorEvents.mjs';
import { runBenches } from './lib/main.mjs';
import { memory } from './memory.mjs';
import { readPath } from './readPath.mjs';
import { server } from './server.mjs';
import { storeComparison } from './storeComparison.mjs';
import { importJob } from './importJob.mjs';
import { submissions } from './submissions.mjs';
import { webhooks } from './webhooks.mjs';
import { noisyNeighbour } from './noisyNeighbour.mjs';
import { webhookWorkers } from './webhookWorkers.mjs';
import { sharedLimits } from './sharedLimits.mjs';
import { soak } from './soak.mjs';
// selfEnrollment.mjs (z): the hosted enrollment page's form submissions against the API's create; the page's weight.
import { selfEnrollment } from './selfEnrollment.mjs';

const started = Date.now();
await runBenches([readPath, contention, storeComparison, server, memory, submissions, operatorEvents, importJob, webhooks, webhookWorkers, hotEnrollment, noisyNeighbour, consoleLists, consoleInteractive, sharedLimits, selfEnrollment, soak], { needsMongo: true, watchdogMs: 90 * 60_000 });
process.stdout.write(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
