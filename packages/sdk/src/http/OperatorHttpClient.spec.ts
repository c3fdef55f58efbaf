import { expect } from 'chai';
import nock from 'nock';
import { OperatorCallError } from './OperatorCallError.js';
import { OperatorHttpClient, type OperatorHttpClientOptions } from './OperatorHttpClient.js';

const HOST = 'https://operator.test';
const client = (options: Partial<OperatorHttpClientOptions> = {}) => new OperatorHttpClient({ service: 'acme', baseUrl: HOST, retryBaseMs: 1, ...options });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe(OperatorHttpClient.name, function () {
  this.timeout(10_000);
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  describe('Retry-After', () => {
    it('waits out the operator’s Retry-After as it is, beyond the 2 s jitter cap (no cap of its own)', async () => {
      const scope = nock(HOST).get('/sites').reply(429, '', { 'retry-after': '1' }).get('/sites').reply(200, { sites: [] });
      const started = Date.now();
      const answer = await client({ retryMaxMs: 10 }).request({ path: '/sites' });
      expect([answer.status, answer.attempts]).to.deep.equal([200, 2]);
      expect(Date.now() - started).to.be.at.least(1_000);
      scope.done();
    });

    it('throws a wait longer than the call holds at once, carrying it as retryAfterMs, instead of waiting or shortening it', async () => {
      const scope = nock(HOST).post('/sites').reply(429, '', { 'retry-after': '30' });
      const started = Date.now();
      const error = await failure(client().request({ method: 'POST', path: '/sites', json: {} }));
      expect(OperatorCallError.is(error) && [error.status, error.retryAfterMs, error.attempts]).to.deep.equal([429, 30_000, 1]);
      expect((error as Error).message).to.equal('acme POST /sites answered 429 asking to wait 30000 ms (attempt 1).');
      expect(Date.now() - started).to.be.below(1_000);
      scope.done();
    });

    it('throws a wait that, with one more attempt, would outlast the call, and reads an HTTP date', async () => {
      const in2s = new Date(Date.now() + 2_500).toUTCString();
      const scope = nock(HOST).get('/sites').reply(503, '', { 'retry-after': in2s });
      const error = await failure(client({ endsAt: Date.now() + 4_000, timeoutMs: 3_000 }).request({ path: '/sites' }));
      expect(OperatorCallError.is(error) && error.retryAfterMs).to.be.within(1_000, 2_500);
      scope.done();
    });

    it('carries the wait on a failure it does not retry (a 503 to a POST) and on the last retry’s', async () => {
      const scope = nock(HOST).post('/sites').reply(503, '', { 'retry-after': '5' }).get('/sites').times(2).reply(503, '', { 'retry-after': '0' });
      const post = await failure(client().request({ method: 'POST', path: '/sites', json: {} }));
      const get = await failure(client({ retries: 1 }).request({ path: '/sites' }));
      expect([post, get].map((error) => OperatorCallError.is(error) && [error.attempts, error.retryAfterMs])).to.deep.equal([[1, 5_000], [2, 0]]);
      scope.done();
    });
  });

  describe('Idempotency-Key', () => {
    it('sends the client’s key on every POST and PATCH and every retry of one, a request’s own instead, and none on a GET', async () => {
      const keys: (string | undefined)[] = [];
      const record = function (this: nock.ReplyFnContext) {
        const key: unknown = this.req.headers['idempotency-key'];
        keys.push(typeof key === 'string' ? key : undefined);
      };
      const scope = nock(HOST)
        .post('/sites').reply(function () { record.call(this); return [503, '']; })
        .post('/sites').reply(function () { record.call(this); return [201, { id: 'site_1' }]; })
        .patch('/sites/site_1').reply(function () { record.call(this); return [200, {}]; })
        .post('/devices').reply(function () { record.call(this); return [201, {}]; })
        .post('/notes').reply(function () { record.call(this); return [201, {}]; })
        .get('/sites/site_1').reply(function () { record.call(this); return [200, {}]; });
      const acme = client({ idempotencyKey: 'obx_4b1d' });
      await acme.request({ method: 'POST', path: '/sites', json: { name: 'Home' }, idempotent: true });
      await acme.request({ method: 'PATCH', path: '/sites/site_1', json: { name: 'Home' } });
      await acme.request({ method: 'POST', path: '/devices', json: {}, idempotencyKey: 'obx_4b1d:device' });
      await acme.request({ method: 'POST', path: '/notes', json: {}, idempotencyKey: false });
      await acme.request({ path: '/sites/site_1' });
      expect(keys).to.deep.equal(['obx_4b1d', 'obx_4b1d', 'obx_4b1d', 'obx_4b1d:device', undefined, undefined]);
      scope.done();
    });

    it('does not retry a POST that failed with a 5xx because a key was sent, unless the request says it is idempotent', async () => {
      const scope = nock(HOST).post('/sites').reply(503);
      const error = await failure(client({ idempotencyKey: 'obx_4b1d' }).request({ method: 'POST', path: '/sites', json: {} }));
      expect(OperatorCallError.is(error) && error.attempts).to.equal(1);
      scope.done();
    });
  });

  describe('form bodies', () => {
    it('sends a form-encoded body, as an OAuth 2.0 client-credentials token request is (RFC 6749 §4.4)', async () => {
      const scope = nock(HOST, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } })
        .post('/oauth/token', 'grant_type=client_credentials&client_id=acme&client_secret=s%26cret+1&scope=sites+devices')
        .reply(200, { access_token: 'at_1', token_type: 'Bearer', expires_in: 60 });
      const { body } = await client().request({
        method: 'POST',
        path: '/oauth/token',
        form: { grant_type: 'client_credentials', client_id: 'acme', client_secret: 's&cret 1', scope: 'sites devices' },
      });
      expect(body).to.deep.equal({ access_token: 'at_1', token_type: 'Bearer', expires_in: 60 });
      scope.done();
    });

    it('refuses a request with both a json and a form body', async () => {
      const error = await failure(client().request({ method: 'POST', path: '/x', json: {}, form: {} }));
      expect((error as Error).message).to.equal('acme POST /x: a request has a json or a form body, not both.');
    });
  });
});
