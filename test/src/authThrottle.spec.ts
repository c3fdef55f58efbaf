import { expect } from 'chai';
import { TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';

describeOnEachStore('Failed authentication is throttled per address', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { failedAuthPerMinute: 3 });
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('refuses an address with 429 and Retry-After once its credentials failed the limit, before looking any key up', async () => {
    const { key } = await server.workspace('Leap Energy');
    for (let n = 0; n < 5; n++) expect((await server.get('/programs')).body.error.code, 'no credentials at all cost nothing and are not counted').to.equal('missing_credentials');
    for (let n = 0; n < 3; n++) expect((await server.get('/programs', { key: `fr_live_sk_guess${n}` })).body.error.code).to.equal('invalid_credentials');
    const throttled = await server.get('/programs', { key: 'fr_live_sk_guess4' });
    expect([throttled.status, throttled.body.error.type, throttled.body.error.code]).to.deep.equal([429, 'rate_limited', 'too_many_failed_attempts']);
    expect(Number(throttled.headers.get('retry-after'))).to.be.within(1, 60);
    const own = await server.get('/programs', { key });
    expect(own.status, 'the address is refused whatever it sends until the minute is over').to.equal(429);
  });
});

/** Issue 18: 100 guesses sent at once must not all pass the check before the first of them fails. */
describeOnEachStore('Failed authentication is throttled exactly under parallel clients', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { failedAuthPerMinute: 60, rateLimitPerMinute: 100_000 });
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('lets exactly 60 of 100 parallel wrong keys be checked and refuses the other 40 with 429', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, (_, n) => server.get('/programs', { key: `fr_live_sk_parallel_guess_${n}` })));
    const codes = answers.map((answer) => answer.body.error.code as string);
    expect([codes.filter((code) => code === 'invalid_credentials').length, codes.filter((code) => code === 'too_many_failed_attempts').length]).to.deep.equal([60, 40]);
  });
});

describeOnEachStore('The failed-authentication throttle and a busy client with a good key', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { failedAuthPerMinute: 5, rateLimitPerMinute: 100_000 });
  });
  after(async () => server?.stop());

  it('lets 100 parallel requests with a good key through, however few failures the address is allowed', async () => {
    const { key } = await server.workspace('Leap Energy');
    const answers = await Promise.all(Array.from({ length: 100 }, () => server.get('/programs', { key })));
    expect(answers.map((answer) => answer.status)).to.deep.equal(answers.map(() => 200));
  });
});
