import { expect } from 'chai';
import { adapterHttp } from './AdapterHttp.js';
import { OperatorCallError } from './OperatorCallError.js';
import type { OperatorHttpClient } from './OperatorHttpClient.js';
import { TokenCache } from './TokenCache.js';

/** An operator that issues numbered tokens at /login, answers any other path with the bearer it was sent, and honours abort signals as fetch does. */
function operator() {
  let logins = 0;
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const href = url instanceof Request ? url.url : url.toString();
    if (init?.signal?.aborted === true) throw new DOMException('The operation was aborted.', 'AbortError');
    if (href.endsWith('/login')) return Response.json({ token: `token-${++logins}` });
    return Response.json({ bearer: new Headers(init?.headers).get('authorization') });
  };
  return { fetch, logins: () => logins };
}

describe(adapterHttp.name, () => {
  const login = async (plain: OperatorHttpClient) =>
    (await plain.request({ method: 'POST', path: '/login', parse: (body) => ({ token: String((body as { token: unknown }).token) }) })).body;

  it('logs in once for every client made from one cache, and again after the token is forgotten', async () => {
    const remote = operator();
    const tokens = new TokenCache();
    const options = { baseUrl: 'https://acme.test', fetch: remote.fetch, login };
    const first = adapterHttp('acme', tokens, new AbortController().signal).client(options);
    const second = adapterHttp('acme', tokens, new AbortController().signal);
    expect((await first.request({ path: '/a' })).body).to.deep.equal({ bearer: 'Bearer token-1' });
    expect((await second.client(options).request({ path: '/b' })).body).to.deep.equal({ bearer: 'Bearer token-1' });
    second.forgetToken();
    expect((await first.request({ path: '/c' })).body).to.deep.equal({ bearer: 'Bearer token-2' });
    expect(remote.logins()).to.equal(2);
  });

  it('stops a request with the call’s signal when the request names none, naming the adapter', async () => {
    const controller = new AbortController();
    controller.abort();
    const client = adapterHttp('acme', new TokenCache(), controller.signal).client({ baseUrl: 'https://acme.test', fetch: operator().fetch });
    const error = await client.request({ path: '/a' }).then(() => undefined, (caught: unknown) => caught);
    expect(OperatorCallError.is(error) && [error.service, error.reason]).to.deep.equal(['acme', 'timeout']);
  });

  it('sends through the platform’s transport whatever fetch the adapter names, and does not retry an address it refuses', async () => {
    const sent: string[] = [];
    const refusing = async (url: string | URL | Request): Promise<Response> => {
      sent.push(url instanceof Request ? url.url : url.toString());
      throw Object.assign(new Error('api.acme.test resolves to 127.0.0.1, a loopback address; the platform does not call it'), { code: 'EFORBIDDENADDRESS' });
    };
    const adapters = operator();
    const client = adapterHttp('acme', new TokenCache(), new AbortController().signal, { transport: refusing }).client({ baseUrl: 'https://api.acme.test', fetch: adapters.fetch, retryBaseMs: 1 });
    const error = await client.request({ path: '/devices' }).then(() => undefined, (caught: unknown) => caught);
    expect(OperatorCallError.is(error) && [error.reason, error.attempts, error.message]).to.deep.equal([
      'network', 1, 'acme GET /devices was refused (attempt 1): api.acme.test resolves to 127.0.0.1, a loopback address; the platform does not call it',
    ]);
    expect([sent, adapters.logins()]).to.deep.equal([['https://api.acme.test/devices'], 0]);
  });
});
