import { expect } from 'chai';
import { EnrollmentService, resolvePort, SecretBox, STORE_TOKENS } from '@flexroll/core';
import { storedKeyOf } from '@flexroll/core/testing';
import { ADMIN_TOKEN, TEST_SECRET_KEY, TestServer } from './support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from './support/fixtures.js';
import { describeOnEachStore } from './support/stores.js';

const LEASE_MS = 30_000;
const DAY_MS = 24 * 3_600_000;

describeOnEachStore('Idempotency-Key: one outcome per key, leases, expiry, scope, sealed answers', (store) => {
  let server: TestServer;
  let key: string;
  let keyId: string;
  let workspaceId: string;
  let path: string;
  before(async () => {
    server = await TestServer.start(store, { rateLimitPerMinute: 100_000 });
    ({ key, workspaceId } = await server.workspace('Leap Energy'));
    keyId = (await server.get('/api-keys', { key })).body.data[0].id;
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025' } });
    path = `/programInstances/${instance.body.id}/enrollments`;
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  const record = (idempotencyKey: string, caller = keyId) => resolvePort(server.container, STORE_TOKENS.idempotency).get(workspaceId, storedKeyOf(caller, idempotencyKey));
  const count = async (serialNumber: string) =>
    (await server.get(`${path}?perPage=100`, { key })).body.data.filter((enrollment: { serialNumber?: string }) => enrollment.serialNumber === serialNumber).length;

  it('matches requests on their canonical form: the same body with its keys reordered is a replay', async () => {
    const headers = { 'Idempotency-Key': 'reordered-1' };
    const body = { ...SUZIE, serialNumber: 'SN-reordered' };
    const first = await server.post(path, { key, headers, body });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const address = Object.fromEntries(Object.entries(SUZIE.address!).reverse());
    const again = await server.post(path, { key, raw: JSON.stringify({ ...reordered, address }), headers: { ...headers, 'content-type': 'application/json' } });
    expect([first.status, again.status, again.headers.get('idempotent-replayed')]).to.deep.equal([201, 201, 'true']);
    expect(again.body).to.deep.equal(first.body);
  });

  it('keeps answers sealed at rest, with no secret and no personal data in clear, and never replays an API key’s secret', async () => {
    const headers = { 'Idempotency-Key': 'scoped-key-1' };
    const body = { name: 'crm', mode: 'live', permissions: ['enrollments:read'] };
    const created = await server.post('/api-keys', { key, headers, body });
    expect(created.body.secret).to.match(/^fr_live_rk_/);
    const replayed = await server.post('/api-keys', { key, headers, body });
    expect([replayed.status, replayed.headers.get('idempotent-replayed')]).to.deep.equal([201, 'true']);
    const { secret: _shownOnce, ...withoutSecret } = created.body;
    expect(replayed.body, 'the same key, without its secret').to.deep.equal(withoutSecret);

    const stored = await record('scoped-key-1');
    const raw = JSON.stringify(stored);
    expect(stored?.response).to.match(/^enc:v1:/);
    for (const leak of [created.body.secret, 'fr_live_rk_', 'scoped-key-1', 'crm']) expect(raw).to.not.include(leak);
    expect(JSON.parse(SecretBox.fromBase64(TEST_SECRET_KEY).open(stored!.response!)).body).to.not.have.property('secret');

    const suzie = await server.post(path, { key, headers: { 'Idempotency-Key': 'sealed-suzie' }, body: { ...SUZIE, serialNumber: 'SN-sealed' } });
    expect(suzie.status).to.equal(201);
    const sealed = JSON.stringify(await record('sealed-suzie'));
    for (const personal of ['Suzie', 'Homeowner', 'suzie.homeowner@example.com', '123 Main St']) expect(sealed).to.not.include(personal);
  });

  it('scopes keys to the API key that sent them: another key’s request with the same Idempotency-Key runs as its own', async () => {
    const other = (await server.post('/api-keys', { key, body: { name: 'second', mode: 'live', permissions: ['api_keys:manage'] } })).body.secret as string;
    const headers = { 'Idempotency-Key': 'shared-name' };
    const body = { name: 'reader', mode: 'live', permissions: ['api_keys:manage'] };
    const mine = await server.post('/api-keys', { key, headers, body });
    const theirs = await server.post('/api-keys', { key: other, headers, body });
    expect([mine.status, theirs.status, theirs.headers.get('idempotent-replayed')]).to.deep.equal([201, 201, null]);
    expect(theirs.body.id).to.not.equal(mine.body.id);
    expect(theirs.body.secret, 'its own secret, never the other key’s').to.be.a('string').and.not.equal(mine.body.secret);
  });

  it('makes a key whose request died after creating retryable after the lease, answering with the enrollment it created', async function () {
    this.timeout(30_000);
    const enrollments = server.container.get(EnrollmentService);
    let created: string | undefined;
    const restore = server.substitute('enrollments', new Proxy(enrollments, {
      get: (target, property) =>
        property === 'create'
          ? async (...args: Parameters<EnrollmentService['create']>) => {
              created = (await target.create(...args)).id;
              return new Promise(() => {});
            }
          : (Reflect.get(target, property) as (...a: unknown[]) => unknown).bind(target),
    }));
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': 'died-after-create' };
    const body = JSON.stringify({ ...SUZIE, serialNumber: 'SN-died' });
    const abandoned = new AbortController();
    const dying = fetch(`${server.base}${path}`, { method: 'POST', headers, body, signal: abandoned.signal }).catch(() => 'aborted');
    while (created === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    abandoned.abort();
    expect(await dying).to.equal('aborted');
    restore();

    const tooSoon = await server.post(path, { key, raw: body, headers: { 'content-type': 'application/json', 'Idempotency-Key': 'died-after-create' } });
    expect([tooSoon.status, tooSoon.body.error.code]).to.deep.equal([409, 'idempotency_key_in_flight']);
    expect(Number(tooSoon.headers.get('retry-after'))).to.be.within(1, 5);

    server.clock.advance(LEASE_MS + 1);
    const retried = await server.post(path, { key, raw: body, headers: { 'content-type': 'application/json', 'Idempotency-Key': 'died-after-create' } });
    expect([retried.status, retried.body.id]).to.deep.equal([201, created]);
    expect(await count('SN-died'), 'no second enrollment').to.equal(1);
    const replayed = await server.post(path, { key, raw: body, headers: { 'content-type': 'application/json', 'Idempotency-Key': 'died-after-create' } });
    expect([replayed.body.id, replayed.headers.get('idempotent-replayed')]).to.deep.equal([created, 'true']);
  });

  it('forgets a key after 24 hours, so it can name a new request', async () => {
    const headers = { 'Idempotency-Key': 'a-day-old' };
    const first = await server.post('/leads', { key, headers, body: { firstName: 'Lena' } });
    expect((await server.post('/leads', { key, headers, body: { firstName: 'Other' } })).body.error.code).to.equal('idempotency_key_reused');
    server.clock.advance(DAY_MS + 1);
    const fresh = await server.post('/leads', { key, headers, body: { firstName: 'Other' } });
    expect([fresh.status, fresh.headers.get('idempotent-replayed')]).to.deep.equal([201, null]);
    expect(fresh.body.id).to.not.equal(first.body.id);
  });
});
