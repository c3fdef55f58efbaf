import { expect } from 'chai';
import { STORES } from './support/stores.js';
import { TestServer } from './support/TestServer.js';
import { LOOPBACK_RECEIVERS, WebhookReceiver } from './support/WebhookReceiver.js';

const MONGO = STORES.find((store) => store.name === 'mongodb')!;
const OTHER_SECRET_KEY = Buffer.alloc(32, 9).toString('base64');

/** Issue 18: two processes of one deployment started with different FLEXROLL_SECRET_KEY. Only a shared store has two. */
describe('Processes started with different FLEXROLL_SECRET_KEY [mongodb store]', function () {
  if (MONGO.skipReason !== undefined) {
    it.skip(`skipped: ${MONGO.skipReason}`, () => {});
    return;
  }
  let first: TestServer;
  let second: TestServer;
  before(async function () {
    this.timeout(60_000);
    first = await TestServer.start(MONGO, { coreSettings: LOOPBACK_RECEIVERS });
    second = await TestServer.start(MONGO, { secretKey: OTHER_SECRET_KEY, sharedDbName: first.dbName!, coreSettings: LOOPBACK_RECEIVERS });
  });
  after(async () => {
    await second?.stop();
    await first?.stop();
  });
  afterEach(() => expect([...first.contract.violations, ...second.contract.violations], 'responses match the OpenAPI contract').to.deep.equal([]));

  it('answers a replay the other process sealed with 503 secret_key_mismatch naming the key, logs the mismatch, and still replays where the key matches', async () => {
    const { key } = await first.workspace('Leap Energy');
    const request = { key, body: { firstName: 'Lena' }, headers: { 'Idempotency-Key': 'lead-across-processes' } };
    const created = await first.post('/leads', request);
    expect(created.status).to.equal(201);

    const replayed = await second.post('/leads', request);
    expect([replayed.status, replayed.body.error.type, replayed.body.error.code]).to.deep.equal([503, 'unavailable', 'secret_key_mismatch']);
    expect(replayed.body.error.message).to.include('FLEXROLL_SECRET_KEY').and.include('do not share one key');
    expect(second.logLines.some((line) => line.includes('FLEXROLL_SECRET_KEY differs between processes')), 'the log says what to fix').to.equal(true);
    expect(second.logLines.filter((line) => line.includes('"level":"error"') && line.includes('unhandled error')), 'not logged as a bug').to.deep.equal([]);

    const again = await first.post('/leads', request);
    expect([again.status, again.headers.get('idempotent-replayed'), again.body.id], 'nothing is lost').to.deep.equal([201, 'true', created.body.id]);
  });

  it('leaves a webhook the other process’s key sealed unsent from a worker with another key, whose log names the mismatch', async function () {
    this.timeout(30_000);
    const receiver = await WebhookReceiver.start();
    const worker = second.backgroundRunner(['sweeps']);
    try {
      const { key } = await first.workspace('Leap Energy');
      const endpoint = await first.post('/webhook-endpoints', { key, body: { url: receiver.url, eventTypes: ['enrollment.created'] } });
      expect((await first.post(`/webhook-endpoints/${endpoint.body.id}/test`, { key })).status).to.equal(202);
      worker.start();
      const deadline = Date.now() + 10_000;
      const named = () => second.logLines.some((line) => line.includes('webhook delivery failed') && line.includes('FLEXROLL_SECRET_KEY'));
      while (!named() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(named(), 'the worker’s log names the key').to.equal(true);
      expect(receiver.received, 'nothing unsigned or wrongly signed is sent').to.deep.equal([]);
    } finally {
      await worker.stop();
      await receiver.down();
    }
  });
});
