// (w) The deployment soak of issue 23: deploy/Procfile's three `flexroll serve` and two `flexroll worker` processes
// on FerretDB on PostgreSQL (or MONGODB_URI), behind HAProxy started from deploy/haproxy/haproxy.cfg, for 10 minutes
// (BENCH_SOAK_SECONDS). Clients of three workspaces write and read through HAProxy; every 10 s a random process is
// killed with -9 and started again. Each workspace also imports a CSV (BENCH_SOAK_IMPORT_ROWS rows, default 500) and
// bulk-rejects 20 submitted enrollments on the workers while they die, and each device's 20 s ENROLMENT_REQUESTED
// deadline is announced due soon and missed by their sweeps. At the end it counts acknowledged writes lost, duplicate
// devices, webhook events lost or out of order (and duplicates, each with the same webhook-id), job and deadline
// events emitted twice (and how many it checked), and what a key limited to 600 per minute was allowed in each whole
// minute. It proves correctness under kills rather than speed; its one-minute version is
// test/src/adversarial/deploymentSoak.spec.ts.
//
//   npm run build:all && node --conditions=flexroll-test bench/soak.mjs
import fs from 'node:fs';
import { isMain, runBenches } from './lib/main.mjs';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);

export async function soak({ mongo } = {}) {
  const title = `(w) Deployment soak: 3 serve + 2 worker behind HAProxy, kill -9 every 10 s, ${SECONDS} s`;
  process.stdout.write(`\n${title}\n`);
  if (mongo?.uri === undefined) return void process.stdout.write(`  skipped: ${mongo?.skipReason ?? 'no MongoDB'}\n`);
  if (!fs.existsSync(process.env.FLEXROLL_HAPROXY ?? '/usr/sbin/haproxy')) return void process.stdout.write('  skipped: HAProxy is not installed (apt-get install haproxy)\n');
  // The processes add the indexes FerretDB can use on PostgreSQL (ADR 0008), as the test runner's do.
  if (mongo.postgresUrl !== undefined) process.env.FLEXROLL_FERRETDB_POSTGRES_URL = mongo.postgresUrl;
  const { runDeploymentSoak, describeSoak } = await import('../test/build/support/deploymentSoak.js');
  const seed = Number(process.env.BENCH_SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const started = Date.now();
  const report = await runDeploymentSoak({
    mongoUri: mongo.uri, durationMs: SECONDS * 1000, killEveryMs: 10_000, workspaces: 3, seed, rateWindowSeconds: Number(process.env.BENCH_SOAK_RATE_WINDOW_SECONDS ?? 60),
    importRows: Number(process.env.BENCH_SOAK_IMPORT_ROWS ?? 500),
    log: (line) => process.stdout.write(`  ${line}\n`),
  });
  process.stdout.write(`${describeSoak(report, (Date.now() - started) / 1000)}\n  seed ${seed}\n`);
  const failed = report.acknowledgedWritesLost.length + report.duplicateDevices.length + report.webhookProblems.length + report.jobProblems.length + report.jobCountProblems.length + report.deadlineEventsTwice.length;
  if (failed > 0) process.exitCode = 1;
}

if (isMain(import.meta.url)) await runBenches([soak], { needsMongo: true, watchdogMs: (SECONDS + 900) * 1000 });
