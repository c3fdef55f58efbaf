// Soak: kill -9 a real `flexroll worker` mid-delivery, many times over (100 by default), on MongoDB, and check at the
// receiver that no event was lost, every duplicate carried the same webhook-id and body, and each enrollment's
// events arrived in seq order. The same cycles as the test suite's five (test/src/support/killCycles.ts), run long.
// Uses MONGODB_URI, or starts FerretDB (PostgreSQL when the test server answers, else SQLite) and stops it after.
// Not part of `npm run bench`: it takes minutes, and proves correctness rather than measuring speed.
//
//   npm run build:all && node --conditions=flexroll-test bench/webhookKillSoak.mjs [runs]
import 'reflect-metadata';
import { startFerretDb, describeFerretDb } from '../scripts/ferretdb.mjs';

const runs = Number(process.argv[2] ?? 100);
const server = process.env.MONGODB_URI ? undefined : await startFerretDb({ log: (line) => process.stderr.write(`${line}\n`) });
if (server !== undefined) {
  process.env.MONGODB_URI = server.uri;
  if (server.postgresUrl !== undefined) process.env.FLEXROLL_FERRETDB_POSTGRES_URL = server.postgresUrl;
  process.stdout.write(`MongoDB: ${describeFerretDb(server)}\n`);
}
const { TestServer } = await import('../test/build/support/TestServer.js');
const { STORES } = await import('../test/build/support/stores.js');
const { buildWorld } = await import('../test/build/support/World.js');
const { WebhookReceiver, deliveryProblems } = await import('../test/build/support/WebhookReceiver.js');
const { killCycles } = await import('../test/build/support/killCycles.js');

// Ctrl-C still stops the FerretDB started here (and drops its database).
process.once('SIGINT', () => void server?.stop().finally(() => process.exit(130)));
const started = Date.now();
let api;
let receiver;
try {
  // The receiver listens on loopback: private networks are allowed here, knowingly (the workers get the same setting).
  api = await TestServer.start(STORES[1], { systemClock: true, rateLimitPerMinute: 1_000_000, coreSettings: { webhookAllowPrivateNetworks: true } });
  receiver = await WebhookReceiver.start();
  const world = await buildWorld(api, 'Soak');
  const endpoint = await api.post('/webhook-endpoints', { key: world.key, body: { url: receiver.url, eventTypes: ['enrollment.created', 'enrollment.updated', 'enrollment.status_changed', 'participation.state_changed'] } });
  if (endpoint.status !== 201) throw new Error(`Could not create the endpoint: ${JSON.stringify(endpoint.body)}`);
  const report = await killCycles(api, world.key, world.instanceId, receiver, runs, (line) => process.stdout.write(`${line}\n`));
  const mine = receiver.received.filter((request) => report.expected.has(request.payload.enrollmentId ?? ''));
  const events = [...report.expected.values()].reduce((sum, seqs) => sum + seqs.length, 0);
  const problems = deliveryProblems(mine, report.expected);
  process.stdout.write(
    `\nkill -9 soak: ${runs} runs, ${report.killedMidDelivery} kills with a delivery in flight, ${events} events, ${mine.length} deliveries ` +
      `(${mine.length - events} duplicates, each with its webhook-id), ${problems.length} problems, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  for (const problem of problems) process.stdout.write(`  PROBLEM: ${problem}\n`);
  process.exitCode = problems.length === 0 && report.killedMidDelivery === runs ? 0 : 1;
} finally {
  await receiver?.down().catch(() => undefined);
  await api?.stop().catch(() => undefined);
  await server?.stop();
}
