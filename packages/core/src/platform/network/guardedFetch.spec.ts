import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedFetch } from './guardedFetch.js';
import type { ResolveAll } from './guardedLookup.js';

/** A real listener on loopback that records what reached it and answers as told. */
async function listener(answer: (request: IncomingMessage, response: import('node:http').ServerResponse) => void) {
  const received: { url: string; authorization: string | undefined }[] = [];
  const server: Server = createServer((request, response) => {
    received.push({ url: request.url ?? '', authorization: request.headers.authorization });
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe(guardedFetch.name, () => {
  let local: Awaited<ReturnType<typeof listener>>;
  beforeEach(async () => {
    local = await listener((_, response) => response.writeHead(200, { 'content-type': 'application/json', 'x-seen': 'yes' }).end('{"ok":true}'));
  });
  afterEach(() => local.close());

  /** A resolver that says a public address, or the loopback one: what a DNS-rebinding name answers. */
  const answering = (address: string): ResolveAll => async () => [{ address, family: 4 }];
  const refusal = (call: Promise<Response>) => call.then(() => 'answered', (error: { code?: string; message: string }) => error.code ?? error.message);

  it('refuses a loopback address in the URL, and a name that resolves to one, before anything is sent', async () => {
    const send = guardedFetch({ allowPrivateNetworks: false, resolve: answering('127.0.0.1') });
    const secret = { authorization: 'Bearer operator-credential' };
    expect(await refusal(send(`http://127.0.0.1:${local.port}/a`, { headers: secret }))).to.equal('EFORBIDDENADDRESS');
    expect(await refusal(send(`http://[::ffff:7f00:1]:${local.port}/b`, { headers: secret }))).to.equal('EFORBIDDENADDRESS');
    expect(await refusal(send(`http://2130706433:${local.port}/c`, { headers: secret }))).to.equal('EFORBIDDENADDRESS');
    expect(await refusal(send(`http://operator.example:${local.port}/d`, { method: 'POST', headers: secret, body: '{}' }))).to.equal('EFORBIDDENADDRESS');
    expect(local.received).to.deep.equal([]);
  });

  it('connects to the address it checked, and hands back the answer as a Response', async () => {
    const send = guardedFetch({ allowPrivateNetworks: true, resolve: answering('127.0.0.1') });
    const response = await send(`http://operator.example:${local.port}/devices?page=1`, { method: 'POST', headers: { authorization: 'Bearer t' }, body: '{"a":1}' });
    expect([response.status, response.headers.get('x-seen'), await response.json()]).to.deep.equal([200, 'yes', { ok: true }]);
    expect(local.received).to.deep.equal([{ url: '/devices?page=1', authorization: 'Bearer t' }]);
  });

  it('does not follow a redirect: the 3xx is the answer, and the address it names is not called', async () => {
    const target = await listener((_, response) => response.end('reached'));
    const redirecting = await listener((_, response) => response.writeHead(302, { location: `http://127.0.0.1:${target.port}/latest/meta-data/` }).end());
    try {
      const send = guardedFetch({ allowPrivateNetworks: true });
      const response = await send(`http://127.0.0.1:${redirecting.port}/start`, { redirect: 'manual' });
      expect([response.status, response.headers.get('location')]).to.deep.equal([302, `http://127.0.0.1:${target.port}/latest/meta-data/`]);
      expect(target.received).to.deep.equal([]);
    } finally {
      await Promise.all([target.close(), redirecting.close()]);
    }
  });

  it('stops with its signal', async () => {
    const hanging = await listener(() => undefined);
    try {
      const controller = new AbortController();
      const call = guardedFetch({ allowPrivateNetworks: true })(`http://127.0.0.1:${hanging.port}/slow`, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      expect(await refusal(call)).to.equal('ABORT_ERR');
    } finally {
      await hanging.close();
    }
  });
});
