// `npm run bench:scale`: issue 25's measurements at size, each at 1,000 and at 100,000 enrollments (their ratio is
// what the issue judges), on the embedded store and on MongoDB (MONGODB_URI, else FerretDB on PostgreSQL):
// (l) feedPasses.mjs, the worker's feeds; (m) enrollmentPages.mjs, an instance's enrollment list; (o) sweepPasses.mjs,
// idle sweep and poll passes. (n) eventPages.mjs (the event list and the delivery log) and (p) noisyNeighbour.mjs
// run as processes of their own: node --conditions=flexroll-test bench/eventPages.mjs | noisyNeighbour.mjs; so does
// (q) deliveryLogFilters.mjs, the delivery log's filters at 1,000 and 100,000 messages.
import { enrollmentPages } from './enrollmentPages.mjs';
import { feedPasses } from './feedPasses.mjs';
import { runBenches } from './lib/main.mjs';
import { sweepPasses } from './sweepPasses.mjs';

await runBenches([enrollmentPages, sweepPasses, feedPasses], { needsMongo: true, watchdogMs: 90 * 60_000 });
