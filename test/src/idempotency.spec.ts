import { expect } from 'chai';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';

describeOnEachStore('Idempotency-Key on every POST', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store);
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('replays the platform administrator’s POST /programs, creating the program once', async () => {
    const headers = { 'Idempotency-Key': 'create-community-powershare' };
    const body = { name: 'Idempotent Powershare', provider: { providerDisplayName: 'Leap' } };
    const first = await server.post('/programs', { key: ADMIN_TOKEN, body, headers });
    const again = await server.post('/programs', { key: ADMIN_TOKEN, body, headers });
    expect([first.status, again.status, again.headers.get('idempotent-replayed')]).to.deep.equal([201, 201, 'true']);
    expect(again.body).to.deep.equal(first.body);
    const { key } = await server.workspace('Reader');
    const listed = await server.get('/programs?perPage=100', { key });
    expect(listed.body.data.filter((program: { name: string }) => program.name === body.name)).to.have.length(1);
  });

  it('keeps each workspace’s keys to itself, and refuses one key for two different requests', async () => {
    const first = await server.workspace('First Utility');
    const second = await server.workspace('Second Utility');
    const headers = { 'Idempotency-Key': 'lead-0001' };
    const mine = await server.post('/leads', { key: first.key, body: { firstName: 'Lena' }, headers });
    const theirs = await server.post('/leads', { key: second.key, body: { firstName: 'Lena' }, headers });
    expect([mine.status, theirs.status, theirs.headers.get('idempotent-replayed')]).to.deep.equal([201, 201, null]);
    expect(theirs.body.id).to.not.equal(mine.body.id);
    const otherRoute = await server.post('/customers', { key: first.key, body: { firstName: 'Lena', lastName: 'Lead', email: 'lena@example.com' }, headers });
    expect([otherRoute.status, otherRoute.body.error.code]).to.deep.equal([409, 'idempotency_key_reused']);
    expect(otherRoute.body.error.message).to.include("'lead-0001'");
  });

  it('takes /customers/ and /customers for the same request: the key replays across a trailing slash', async () => {
    const { key } = await server.workspace('Slash Utility');
    const headers = { 'Idempotency-Key': 'customer-slash' };
    const body = { firstName: 'Sam', lastName: 'Slash', email: 'sam@example.com' };
    const first = await server.post('/customers', { key, body, headers });
    // Sent by hand: the contract check of TestServer knows the route's path as the contract spells it.
    const slashed = await fetch(`${server.base}/customers/`, { method: 'POST', body: JSON.stringify(body), headers: { ...headers, authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
    expect([first.status, slashed.status, slashed.headers.get('idempotent-replayed')]).to.deep.equal([201, 201, 'true']);
    expect(await slashed.json(), 'the first answer, so one customer').to.deep.equal(first.body);
  });
});
