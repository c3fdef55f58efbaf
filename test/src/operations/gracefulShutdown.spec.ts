import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { expect } from 'chai';
import { SUZIE } from '../support/fixtures.js';
import { spawnWorker } from '../support/killCycles.js';
import { flexrollAdmin, ServeProcess } from '../support/ServeProcess.js';
import { freshDbName, STORES } from '../support/stores.js';
import { TestServer } from '../support/TestServer.js';
import { LOOPBACK_RECEIVERS, WebhookReceiver } from '../support/WebhookReceiver.js';
import { buildWorld } from '../support/World.js';

const mongo = STORES.find((store) => store.name === 'mongodb')!;
const ADMIN = `fr_admin_${randomBytes(12).toString('hex')}`;

/** Waits until `check` holds, polling; a test's own timeout bounds it. */
async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Graceful restarts (issue 23) with real processes: `serve` on SIGTERM fails readiness first, then stops accepting,
 * finishes what is in flight and exits 0; a worker on SIGTERM finishes the delivery it holds and exits 0.
 */
describe('Graceful shutdown of real processes [mongodb store]', function () {
  this.timeout(120_000);
  if (mongo.skipReason !== undefined) {
    it.skip(`skipped: ${mongo.skipReason}`, () => {});
    return;
  }

  it('serve: /readyz 503 first while the rest is served, then no new connection, the upload in flight answered, exit 0', async () => {
    const url = new URL(mongo.uri()!);
    url.pathname = `/${freshDbName('graceful')}`;
    const { MONGODB_URI: _uri, PORT: _port, FLEXROLL_ADMIN_TOKEN: _token, ...rest } = process.env;
    // A readiness delay far longer than the test: the second SIGTERM ends it, so nothing here waits on a clock.
    const env: NodeJS.ProcessEnv = {
      ...rest, MONGODB_URI: url.toString(), FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64'), FLEXROLL_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn',
      FLEXROLL_SHUTDOWN_DELAY_MS: '600000', FLEXROLL_SHUTDOWN_GRACE_MS: '600000',
    };
    const workspace = await flexrollAdmin(env, 'workspace', 'create', 'Graceful Utility');
    const key = (await flexrollAdmin(env, 'key', 'create', workspace.id, '--name', 'graceful')).secret as string;
    const serve = await ServeProcess.start(env);
    try {
      const call = (method: string, path: string, body?: unknown, token = key) =>
        fetch(`${serve.base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const program = (await (await call('POST', '/programs', { name: 'Graceful Powershare', provider: { providerDisplayName: 'Leap' } }, ADMIN)).json()) as { id: string };
      const instance = (await (await call('POST', '/programInstances', { programId: program.id, name: 'Graceful 2025' })).json()) as { id: string };
      expect((await fetch(`${serve.base}/readyz`)).status).to.equal(200);

      // An upload whose body is still coming when the signal arrives: a request in flight.
      const upload = http.request(new URL(`${serve.base}/programInstances/${instance.id}/imports`), {
        method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv', 'idempotency-key': 'graceful-upload', 'transfer-encoding': 'chunked' },
      });
      const answered = new Promise<number>((resolve, reject) => {
        upload.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        upload.on('error', reject);
      });
      upload.write('referenceId,identificationType,firstName,lastName,email,streetOne,city,state,postalCode,country,manufacturerSlugs\n');
      upload.write(`GRACE-1,customerInfo,${SUZIE.firstName},${SUZIE.lastName},grace1@example.com,1 Main St,New York,NY,10001,USA,tesla\n`);

      serve.child.kill('SIGTERM');
      await until(async () => (await fetch(`${serve.base}/readyz`)).status === 503);
      const ready = await fetch(`${serve.base}/readyz`);
      expect(((await ready.json()) as { error: { code: string } }).error.code).to.equal('shutting_down');
      const served = await call('GET', '/programs');
      expect([served.status, served.headers.get('connection')], 'still served during the delay, each answer closing its connection').to.deep.equal([200, 'close']);

      const exited = once(serve.child, 'exit') as Promise<[number | null, string | null]>;
      serve.child.kill('SIGTERM'); // ends the readiness delay
      await until(async () => fetch(`${serve.base}/healthz`).then(() => false, () => true));
      expect(serve.child.exitCode, 'it waits for the upload in flight').to.equal(null);

      upload.end(`GRACE-2,customerInfo,${SUZIE.firstName},${SUZIE.lastName},grace2@example.com,1 Main St,New York,NY,10001,USA,tesla\n`);
      expect(await answered, 'the upload in flight is answered').to.equal(202);
      expect(await exited).to.deep.equal([0, null]);
    } finally {
      await serve.kill9();
    }
  });

  it('worker: finishes the webhook delivery it holds, records it, and exits 0', async () => {
    const server = await TestServer.start(mongo, { systemClock: true, coreSettings: LOOPBACK_RECEIVERS, rateLimitPerMinute: 100_000 });
    const receiver = await WebhookReceiver.start();
    let worker: ReturnType<typeof spawnWorker> | undefined;
    try {
      const world = await buildWorld(server, 'Leap Energy');
      const endpoint = await server.post('/webhook-endpoints', { key: world.key, body: { url: receiver.url, eventTypes: ['enrollment.created'] } });
      expect(endpoint.status, JSON.stringify(endpoint.body)).to.equal(201);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      receiver.answer = () => ({ status: 204, release: held });
      await server.post(`/programInstances/${world.instanceId}/enrollments`, { key: world.key, body: { ...SUZIE, serialNumber: 'SN-GRACEFUL-1' } });
      worker = spawnWorker(server.mongoUri!);
      await receiver.until(() => receiver.inFlight > 0, 60_000, 'a delivery in flight');
      const exited = once(worker, 'exit') as Promise<[number | null, string | null]>;
      worker.kill('SIGTERM');
      release();
      expect(await exited).to.deep.equal([0, null]);
      expect(receiver.received, 'delivered once').to.have.length(1);
      const messages = await server.get(`/webhook-endpoints/${endpoint.body.id}/messages?perPage=10`, { key: world.key });
      expect(messages.body.data.map((message: { state: string }) => message.state), 'its attempt recorded, not left leased').to.deep.equal(['delivered']);
    } finally {
      worker?.kill('SIGKILL');
      await receiver.down().catch(() => undefined);
      await server.stop();
    }
  });
});
