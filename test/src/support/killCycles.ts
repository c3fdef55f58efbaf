import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUZIE } from './fixtures.js';
import { TEST_SECRET_KEY, type TestServer } from './TestServer.js';
import type { WebhookReceiver } from './WebhookReceiver.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../packages/cli/dist/main.js');

/** What the cycles did: how many kills landed while a delivery was in flight, and every enrollment's `seq`s. */
export interface KillReport {
  readonly killedMidDelivery: number;
  readonly expected: Map<string, number[]>;
}

/**
 * A real `flexroll worker` process on the server's MongoDB database, with short timeouts so that a killed worker's
 * lease runs out in seconds. Private networks are allowed, knowingly: the receiver listens on loopback.
 */
export function spawnWorker(mongoUri: string): ChildProcess {
  // Without FLEXROLL_FERRETDB_POSTGRES_URL: the API process added FerretDB's indexes already, and a worker started
  // every few seconds would otherwise open a PostgreSQL connection each time on a server others share.
  const { FLEXROLL_ADMIN_TOKEN: _token, FLEXROLL_FERRETDB_POSTGRES_URL: _postgres, ...env } = process.env;
  return spawn(process.execPath, [MAIN, 'worker', '--interval', '3600'], {
    env: {
      ...env, MONGODB_URI: mongoUri, FLEXROLL_SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'warn', FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
      // A timeout generous enough that a loaded machine does not fail a delivery (the next try would be 5 s, then
      // 5 min, later), and a lease just above it, so that a killed worker's attempt is taken over within seconds.
      FLEXROLL_WEBHOOK_POLL_MS: '20', FLEXROLL_WEBHOOK_TIMEOUT_MS: '3000', FLEXROLL_WEBHOOK_LEASE_MS: '3500',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * The crash test: `runs` times, append events through the API, wait until the current worker is in the middle of
 * a delivery (the receiver holds its answer), `kill -9` it, and start another. At the end, wait until every event
 * has arrived. The caller checks what the receiver got (see deliveryProblems).
 */
export async function killCycles(server: TestServer, key: string, instanceId: string, receiver: WebhookReceiver, runs: number, log: (line: string) => void = () => undefined): Promise<KillReport> {
  const mongoUri = server.mongoUri;
  if (mongoUri === undefined) throw new Error('kill cycles need the MongoDB store: a killed embedded server takes its store with it');
  const previousAnswer = receiver.answer;
  receiver.answer = () => ({ status: 204, delayMs: 80 });
  const enrollments: string[] = [];
  let worker = spawnWorker(mongoUri);
  let killedMidDelivery = 0;
  let restarts = 0;
  // A worker that could not start (its database refused a connection) is started again, and the run goes on.
  const keepAlive = async () => {
    if (worker.exitCode === null && worker.signalCode === null) return;
    if (++restarts > 20) throw new Error('workers keep failing to start');
    log(`worker ${worker.pid} exited with ${worker.exitCode} before it was killed; starting another`);
    worker = spawnWorker(mongoUri);
  };
  try {
    for (let run = 1; run <= runs; run++) {
      const before = receiver.received.length;
      for (let n = 0; n < 2; n++) {
        const created = await server.post(`/programInstances/${instanceId}/enrollments`, { key, body: { ...SUZIE, serialNumber: `SN-KILL-${run}-${n}-${Date.now()}` } });
        enrollments.push(created.body.id);
        await server.patch(`/enrollments/${created.body.id}`, { key, body: { phone: `+1555000${run % 10}${n}` } });
      }
      const deadline = Date.now() + 90_000;
      while (!(receiver.received.length > before && receiver.inFlight > 0)) {
        if (Date.now() > deadline) throw new Error(`Gave up waiting for run ${run}: a delivery in flight after 90000 ms`);
        await keepAlive();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      if (receiver.inFlight > 0) killedMidDelivery++;
      worker.kill('SIGKILL');
      log(`run ${run}: killed worker ${worker.pid} with ${receiver.inFlight} delivery in flight`);
      worker = spawnWorker(mongoUri);
    }
    const expected = new Map<string, number[]>();
    for (const id of enrollments) {
      const events = await server.get(`/events?enrollmentId=${id}&perPage=100`, { key });
      expected.set(id, (events.body.data as { seq: number }[]).map((event) => event.seq));
    }
    const total = [...expected.values()].reduce((sum, seqs) => sum + seqs.length, 0);
    const arrived = () => new Set(receiver.received.filter((request) => expected.has(request.payload.enrollmentId ?? '')).map((request) => request.payload.id)).size;
    const deadline = Date.now() + 180_000;
    while (arrived() < total) {
      if (Date.now() > deadline) throw new Error(`Gave up waiting for all ${total} events at the receiver; undelivered: ${await undelivered(server, key)}`);
      await keepAlive();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return { killedMidDelivery, expected };
  } finally {
    worker.kill('SIGKILL');
    receiver.answer = previousAnswer;
  }
}

/** The endpoints' messages not delivered, with their last answers: what a timed-out run reports. */
async function undelivered(server: TestServer, key: string): Promise<string> {
  const lines: string[] = [];
  for (const endpoint of (await server.get('/webhook-endpoints?perPage=100', { key })).body.data as { id: string }[]) {
    for (const state of ['pending', 'failed']) {
      const messages = (await server.get(`/webhook-endpoints/${endpoint.id}/messages?state=${state}&perPage=100`, { key })).body.data as Record<string, unknown>[];
      for (const message of messages) {
        const attempts = (await server.get(`/webhook-endpoints/${endpoint.id}/messages/${String(message.id)}/attempts`, { key })).body.data as Record<string, unknown>[];
        lines.push(`${String(message.type)} seq ${String(message.seq)} ${state}, next ${String(message.nextAttemptAt)}: ${JSON.stringify(attempts.map(({ attempt, outcome, statusCode, error }) => ({ attempt, outcome, statusCode, error })))}`);
      }
    }
  }
  return lines.join('; ') || 'none';
}
