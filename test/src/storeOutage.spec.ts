import { expect } from 'chai';
import { TestServer } from './support/TestServer.js';
import { STORES } from './support/stores.js';
import { rawRequest } from './support/rawRequest.js';
import { TcpProxy } from './support/TcpProxy.js';

const mongo = STORES.find((store) => store.name === 'mongodb')!;

describe('A store outage over HTTP [mongodb store]', function () {
  this.timeout(90_000);
  if (mongo.skipReason !== undefined) {
    it.skip(`skipped: ${mongo.skipReason}`, () => {});
    return;
  }
  let server: TestServer;
  let proxy: TcpProxy;
  before(async () => {
    const started = await TcpProxy.start(mongo.uri()!);
    proxy = started.proxy;
    server = await TestServer.start(mongo, { mongodbUri: started.uri });
  });
  after(async () => {
    await server?.stop();
    await proxy?.cut();
  });
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('answers 503 store_unavailable with Retry-After while the store is away, and serves again once it is back', async () => {
    const { key } = await server.workspace('Leap Energy');
    expect((await server.get('/programs', { key })).status).to.equal(200);

    await proxy.cut();
    const answers = [
      await server.get('/programs', { key }),
      await server.post('/leads', { key, body: { firstName: 'Lena' }, headers: { 'Idempotency-Key': 'during-outage' } }),
      await server.get('/enrollments/cnotanidanywhere000000001', { key }),
    ];
    for (const answer of answers) {
      expect([answer.status, answer.body.error.type, answer.body.error.code]).to.deep.equal([503, 'unavailable', 'store_unavailable']);
      expect(answer.headers.get('retry-after')).to.equal('2');
    }
    const ready = await rawRequest(server.base, 'GET', '/readyz');
    expect([ready.status, ready.json.error.code, ready.headers['retry-after']]).to.deep.equal([503, 'not_ready', '5']);
    const logged = server.logLines.map((line) => JSON.parse(line) as { level: string; message: string });
    expect(logged.filter((line) => line.level === 'error'), 'an outage is not a bug').to.deep.equal([]);

    await proxy.restore();
    let back = await server.get('/programs', { key });
    for (let attempt = 0; back.status !== 200 && attempt < 20; attempt++) {
      expect(back.status, 'while reconnecting: 503, nothing else').to.equal(503);
      await new Promise((resolve) => setTimeout(resolve, 500));
      back = await server.get('/programs', { key });
    }
    expect(back.status).to.equal(200);
    const retried = await server.post('/leads', { key, body: { firstName: 'Lena' }, headers: { 'Idempotency-Key': 'during-outage' } });
    expect(retried.status, 'the key of the request the outage cut is usable').to.equal(201);
  });
});
