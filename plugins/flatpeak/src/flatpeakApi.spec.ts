import assert from 'node:assert/strict';
import nock from 'nock';
import { OperatorCallError } from '@flexroll/sdk';
import { FlatpeakApi } from './flatpeakApi.js';
import { flatpeakContext } from './test-support/flatpeakContext.js';
import { FLATPEAK_TEST_API, FLATPEAK_TEST_CONFIG, REMOTE_ID, remoteObject } from './test-support/flatpeakFixtures.js';

const BASIC = `Basic ${Buffer.from(`${FLATPEAK_TEST_CONFIG.accountId}:${FLATPEAK_TEST_CONFIG.apiKey}`).toString('base64')}`;
const SUBMISSION = { reference_id: 'vpo_000000000000000000000001', participation_state: [{ state: 'AWAITING_CUSTOMER_CONSENT' }] };

function loggedIn(scope: nock.Scope, token: string): nock.Scope {
  return scope.post('/login').matchHeader('authorization', BASIC).reply(200, { object: 'token', bearer_token: token, expires_at: '2099-01-01T00:00:00Z' });
}

async function failure(promise: Promise<unknown>): Promise<OperatorCallError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  assert.ok(OperatorCallError.is(error), `expected an OperatorCallError, got ${String(error)}`);
  return error;
}

describe('plugins/flatpeak calls the participation API (nock)', function () {
  this.timeout(10_000);
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  it('logs in once, submits seed 002’s body with the bearer, and reads back seed 001’s object', async () => {
    const remote = loggedIn(nock(FLATPEAK_TEST_API), 'fp_bearer_1')
      .post(`/vpp-participations/${REMOTE_ID}`, SUBMISSION).matchHeader('authorization', 'Bearer fp_bearer_1').reply(200, remoteObject('AWAITING_CUSTOMER_CONSENT'))
      .get(`/vpp-participations/${REMOTE_ID}`).matchHeader('authorization', 'Bearer fp_bearer_1').reply(200, remoteObject('AWAITING_CUSTOMER_CONSENT'));
    const api = new FlatpeakApi(flatpeakContext());
    assert.equal((await api.submit(REMOTE_ID, SUBMISSION)).current_state, 'AWAITING_CUSTOMER_CONSENT');
    assert.equal((await api.get(REMOTE_ID))?.id, REMOTE_ID);
    remote.done();
  });

  it('answers undefined for a participation the remote does not have (404)', async () => {
    const remote = loggedIn(nock(FLATPEAK_TEST_API), 'fp_bearer_1').get(`/vpp-participations/${REMOTE_ID}`).reply(404, { error: 'not found' });
    assert.equal(await new FlatpeakApi(flatpeakContext()).get(REMOTE_ID), undefined);
    remote.done();
  });

  it('retries a 500 on a submission (the same submission twice leaves the same state), and gives up after its retries', async () => {
    const remote = loggedIn(nock(FLATPEAK_TEST_API), 'fp_bearer_1')
      .post(`/vpp-participations/${REMOTE_ID}`).reply(500)
      .post(`/vpp-participations/${REMOTE_ID}`).reply(200, remoteObject('AWAITING_CUSTOMER_CONSENT'));
    const context = flatpeakContext();
    assert.equal((await new FlatpeakApi(context).submit(REMOTE_ID, SUBMISSION)).id, REMOTE_ID);
    nock(FLATPEAK_TEST_API).post(`/vpp-participations/${REMOTE_ID}`).times(3).reply(502);
    const error = await failure(new FlatpeakApi(context).submit(REMOTE_ID, SUBMISSION));
    assert.deepEqual([error.status, error.attempts, error.message], [502, 3, `flatpeak POST /vpp-participations/${REMOTE_ID} answered 502 (attempt 3).`]);
    remote.done();
  });

  it('does not create a remote participation twice when the creation failed with a 500', async () => {
    const remote = loggedIn(nock(FLATPEAK_TEST_API), 'fp_bearer_1').post('/vpp-participations').once().reply(500);
    const error = await failure(new FlatpeakApi(flatpeakContext()).create({ id: 'vpo_000000000000000000000001', state: 'AWAITING_CONSENT', suspensionReasons: [], history: [], meterAccessAvailable: false }));
    assert.deepEqual([error.status, error.attempts], [500, 1]);
    remote.done();
  });

  it('creates with the outbox item’s Idempotency-Key (the same on its retry) and submits with a key of its own', async () => {
    const keys: (string | undefined)[] = [];
    const keyOf = (request: { headers: Record<string, string> }) => void keys.push(request.headers['idempotency-key']);
    const remote = loggedIn(nock(FLATPEAK_TEST_API), 'fp_bearer_1')
      .post('/vpp-participations').reply(function () { keyOf(this.req); return [500, '']; })
      .post('/vpp-participations').reply(function () { keyOf(this.req); return [201, remoteObject('AWAITING_CUSTOMER_CONSENT')]; })
      .post(`/vpp-participations/${REMOTE_ID}`).reply(function () { keyOf(this.req); return [200, remoteObject('AWAITING_CUSTOMER_CONSENT')]; });
    const participation = { id: 'vpo_000000000000000000000001', state: 'AWAITING_CONSENT', suspensionReasons: [], history: [], meterAccessAvailable: false } as const;
    const context = flatpeakContext({}, { idempotencyKey: 'obx_0001' });
    const attempt = () => new FlatpeakApi(context);
    await failure(attempt().create(participation));
    await attempt().create(participation);
    await attempt().submit(REMOTE_ID, SUBMISSION);
    assert.deepEqual(keys, ['obx_0001', 'obx_0001', 'obx_0001:submit']);
    remote.done();
  });

  it('times out a remote that does not answer, after its retries', async () => {
    const context = flatpeakContext();
    const remote = loggedIn(nock(FLATPEAK_TEST_API), 'fp_bearer_1').get(`/vpp-participations/${REMOTE_ID}`).reply(200, remoteObject('ACTIVE'));
    await new FlatpeakApi(context).get(REMOTE_ID); // logged in from here on
    nock(FLATPEAK_TEST_API).get(`/vpp-participations/${REMOTE_ID}`).times(3).delay(3_000).reply(200, remoteObject('ACTIVE'));
    const error = await failure(new FlatpeakApi(context).get(REMOTE_ID));
    assert.deepEqual([error.reason, error.attempts], ['timeout', 3]);
    remote.done();
  });

  it('refuses a body that is not seed 001’s object, without retrying', async () => {
    const remote = loggedIn(nock(FLATPEAK_TEST_API), 'fp_bearer_1')
      .get(`/vpp-participations/${REMOTE_ID}`).once().reply(200, remoteObject('DANCING'))
      .get(`/vpp-participations/${REMOTE_ID}`).once().reply(200, '{"object": "vpp-participation",', { 'content-type': 'application/json' });
    const context = flatpeakContext();
    const unknownState = await failure(new FlatpeakApi(context).get(REMOTE_ID));
    const truncated = await failure(new FlatpeakApi(context).get(REMOTE_ID));
    assert.deepEqual([unknownState.reason, truncated.reason, truncated.attempts], ['malformed', 'malformed', 1]);
    assert.match(unknownState.message, /current_state "DANCING" is not a participation state/);
    remote.done();
  });

  it('refuses an object whose fields this adapter reads are not seed 001’s, naming the field', async () => {
    const remote = loggedIn(nock(FLATPEAK_TEST_API), 'fp_bearer_1')
      .get(`/vpp-participations/${REMOTE_ID}`).reply(200, remoteObject('SUSPENDED', { suspension_reasons: ['ON_HOLIDAY'] }));
    const error = await failure(new FlatpeakApi(flatpeakContext()).get(REMOTE_ID));
    assert.deepEqual([error.reason, error.attempts], ['malformed', 1]);
    assert.match(error.message, /the participation does not match its schema at \/suspension_reasons\/0: /);
    remote.done();
  });

  it('logs in again when the remote answers 401, and retries once with the new bearer', async () => {
    const remote = loggedIn(nock(FLATPEAK_TEST_API), 'fp_bearer_old')
      .get(`/vpp-participations/${REMOTE_ID}`).matchHeader('authorization', 'Bearer fp_bearer_old').reply(401, { error: 'expired' });
    loggedIn(remote, 'fp_bearer_new').get(`/vpp-participations/${REMOTE_ID}`).matchHeader('authorization', 'Bearer fp_bearer_new').reply(200, remoteObject('ACTIVE'));
    assert.equal((await new FlatpeakApi(flatpeakContext()).get(REMOTE_ID))?.current_state, 'ACTIVE');
    remote.done();
  });

  it('does not follow a redirect', async () => {
    const remote = loggedIn(nock(FLATPEAK_TEST_API), 'fp_bearer_1').get(`/vpp-participations/${REMOTE_ID}`).reply(301, '', { location: 'http://flatpeak.test.evil/vpp-participations' });
    const error = await failure(new FlatpeakApi(flatpeakContext()).get(REMOTE_ID));
    assert.deepEqual([error.reason, error.status], ['redirect', 301]);
    remote.done();
  });
});
