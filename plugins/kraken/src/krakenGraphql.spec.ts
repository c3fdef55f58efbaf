import assert from 'node:assert/strict';
import nock from 'nock';
import { OperatorCallError } from '@flexroll/sdk';
import { DEVICE_STATUSES_QUERY, KrakenGraphql, OBTAIN_TOKEN, START_TEST_DISPATCH } from './krakenGraphql.js';
import { krakenContext } from './test-support/krakenContext.js';
import { testJwt } from './test-support/krakenTestConfig.js';

const HOST = 'https://kraken.test';
const PATH = '/v1/graphql/';
const DEVICES = { data: { devices: [{ id: 'krakenflex-device-7f3a', deviceType: 'BATTERIES', provider: 'TESLA', status: { current: 'LIVE', isSuspended: false } }] } };
const isQuery = (query: string) => (body: { query?: string }) => body.query === query;

/** Kraken answering obtainKrakenToken with this JWT. */
function tokenIssued(scope: nock.Scope, token: string): nock.Scope {
  return scope.post(PATH, isQuery(OBTAIN_TOKEN)).reply(200, { data: { obtainKrakenToken: { token, refreshExpiresIn: 604800 } } });
}

async function failure(promise: Promise<unknown>): Promise<OperatorCallError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  assert.ok(OperatorCallError.is(error), `expected an OperatorCallError, got ${String(error)}`);
  return error;
}

describe('plugins/kraken calls Kraken’s GraphQL API (nock)', function () {
  this.timeout(10_000);
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  it('obtains a token once, sends it as a bearer, and reads the devices', async () => {
    const token = testJwt(new Date(), 3600);
    const kraken = nock(HOST);
    tokenIssued(kraken, token);
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).matchHeader('authorization', `Bearer ${token}`).twice().reply(200, DEVICES);
    const client = new KrakenGraphql(krakenContext());
    assert.deepEqual(await client.deviceStatuses('A-1234ABCD'), [{ id: 'krakenflex-device-7f3a', status: 'LIVE', isSuspended: false }]);
    await client.deviceStatuses('A-1234ABCD');
    kraken.done();
  });

  it('retries a 500 with back-off and succeeds', async () => {
    const kraken = nock(HOST);
    tokenIssued(kraken, testJwt(new Date(), 3600));
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).reply(500, { errors: [{ message: 'boom' }] });
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).reply(200, DEVICES);
    assert.equal((await new KrakenGraphql(krakenContext()).deviceStatuses('A-1234ABCD')).length, 1);
    kraken.done();
  });

  it('gives up after its retries on a lasting 500, naming the service and the attempts', async () => {
    const kraken = nock(HOST);
    tokenIssued(kraken, testJwt(new Date(), 3600));
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).times(3).reply(500, 'Internal Server Error');
    const error = await failure(new KrakenGraphql(krakenContext()).deviceStatuses('A-1234ABCD'));
    assert.deepEqual([error.reason, error.status, error.attempts, error.message], ['status', 500, 3, 'kraken POST /v1/graphql/ answered 500 (attempt 3).']);
    kraken.done();
  });

  it('does not send a test dispatch twice when Kraken answered 500: the first may have started it', async () => {
    const kraken = nock(HOST);
    tokenIssued(kraken, testJwt(new Date(), 3600));
    kraken.post(PATH, isQuery(START_TEST_DISPATCH)).once().reply(503);
    const error = await failure(new KrakenGraphql(krakenContext()).startTestDispatch('krakenflex-device-7f3a'));
    assert.deepEqual([error.status, error.attempts], [503, 1]);
    kraken.done();
  });

  it('times out a call that does not answer, and retries it within the limit', async () => {
    const context = krakenContext({ requestTimeoutMs: 300 });
    const kraken = nock(HOST);
    tokenIssued(kraken, testJwt(new Date(), 3600));
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).reply(200, DEVICES); // the token is kept from here on
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).times(3).delay(3_000).reply(200, DEVICES);
    await new KrakenGraphql(context).deviceStatuses('A-1234ABCD');
    const error = await failure(new KrakenGraphql(context).deviceStatuses('A-1234ABCD'));
    assert.deepEqual([error.reason, error.attempts], ['timeout', 3]);
    assert.match(error.message, /did not answer within 300 ms/);
  });

  it('refuses a malformed body at once, without retrying', async () => {
    const context = krakenContext();
    const kraken = nock(HOST);
    tokenIssued(kraken, testJwt(new Date(), 3600));
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).once().reply(200, '<html>maintenance</html>', { 'content-type': 'text/html' });
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).once().reply(200, { data: { devices: [{ id: 'x', status: { current: 'ON_FIRE' } }] } });
    const html = await failure(new KrakenGraphql(context).deviceStatuses('A-1234ABCD'));
    const unknownStatus = await failure(new KrakenGraphql(context).deviceStatuses('A-1234ABCD'));
    assert.deepEqual([html.reason, html.attempts, unknownStatus.reason], ['malformed', 1, 'malformed']);
    assert.match(unknownStatus.message, /a device without an id or a known status/);
    kraken.done();
  });

  it('refuses GraphQL errors that are not a list of messages as malformed, naming the field', async () => {
    const context = krakenContext();
    const kraken = nock(HOST);
    tokenIssued(kraken, testJwt(new Date(), 3600));
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).once().reply(200, { errors: [{ extensions: { errorCode: 'KT-CT-1124' } }] });
    const error = await failure(new KrakenGraphql(context).deviceStatuses('A-1234ABCD'));
    assert.deepEqual([error.reason, error.attempts], ['malformed', 1]);
    assert.match(error.message, /the body does not match its schema at \/errors\/0\/message: is required/);
    kraken.done();
  });

  it('obtains a new token when Kraken answers 401, and retries once with it', async () => {
    const [old, fresh] = [testJwt(new Date(), 3600, 'old'), testJwt(new Date(), 3600, 'fresh')];
    const kraken = nock(HOST);
    tokenIssued(kraken, old);
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).matchHeader('authorization', `Bearer ${old}`).reply(401, { errors: [{ message: 'Unauthorized' }] });
    tokenIssued(kraken, fresh);
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).matchHeader('authorization', `Bearer ${fresh}`).reply(200, DEVICES);
    assert.equal((await new KrakenGraphql(krakenContext()).deviceStatuses('A-1234ABCD')).length, 1);
    kraken.done();
  });

  it('obtains a new token when Kraken says in a 200 that the JWT expired (KT-CT-1124)', async () => {
    const [old, fresh] = [testJwt(new Date(), 3600, 'old'), testJwt(new Date(), 3600, 'fresh')];
    const kraken = nock(HOST);
    tokenIssued(kraken, old);
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).reply(200, { errors: [{ message: 'Signature of the JWT has expired.', extensions: { errorCode: 'KT-CT-1124' } }] });
    tokenIssued(kraken, fresh);
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).matchHeader('authorization', `Bearer ${fresh}`).reply(200, DEVICES);
    assert.equal((await new KrakenGraphql(krakenContext()).deviceStatuses('A-1234ABCD')).length, 1);
    kraken.done();
  });

  it('keeps a 60 s token for 54 s on the platform’s clock, and obtains a new one before it expires', async () => {
    const start = Math.floor(Date.now() / 1000) * 1000; // a whole second, as a JWT's exp is
    let now = new Date(start);
    const context = krakenContext({}, { now: () => now });
    const [short, fresh] = [testJwt(now, 60, 'short'), testJwt(now, 3600, 'fresh')];
    const kraken = nock(HOST);
    tokenIssued(kraken, short);
    tokenIssued(kraken, fresh);
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).matchHeader('authorization', `Bearer ${short}`).times(3).reply(200, DEVICES);
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).matchHeader('authorization', `Bearer ${fresh}`).reply(200, DEVICES);
    // The margin is a tenth of the token's lifetime (6 s of 60 s), not a fixed minute that would refresh at every call.
    for (const seconds of [0, 30, 53, 54]) {
      now = new Date(start + seconds * 1000);
      await new KrakenGraphql(context).deviceStatuses('A-1234ABCD');
    }
    kraken.done();
  });

  it('does not follow a redirect, and says where it pointed', async () => {
    const kraken = nock(HOST);
    tokenIssued(kraken, testJwt(new Date(), 3600));
    kraken.post(PATH, isQuery(DEVICE_STATUSES_QUERY)).reply(302, '', { location: 'https://elsewhere.test/steal-the-token' });
    const elsewhere = nock('https://elsewhere.test').post('/steal-the-token').reply(200, DEVICES);
    const error = await failure(new KrakenGraphql(krakenContext()).deviceStatuses('A-1234ABCD'));
    assert.deepEqual([error.reason, error.status], ['redirect', 302]);
    assert.match(error.message, /redirecting to https:\/\/elsewhere\.test\/steal-the-token; redirects are not followed/);
    assert.equal(elsewhere.isDone(), false, 'the redirect target was never called');
    kraken.done();
  });
});
