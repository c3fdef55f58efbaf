import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { NodeWebhookTransport } from './NodeWebhookTransport.js';
import type { WebhookResult } from './WebhookTransport.js';

interface Seen {
  readonly host: string | undefined;
  readonly headers: IncomingHttpHeaders;
}

async function listen(handler: (respond: (status: number, headers?: Record<string, string>, body?: string) => void, seen: Seen) => void): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const entry = { host: request.headers.host, headers: request.headers };
      seen.push(entry);
      handler((status, headers = {}, body = '') => void response.writeHead(status, headers).end(body), entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

const send = (transport: NodeWebhookTransport, url: string, timeoutMs = 2_000): Promise<WebhookResult> =>
  transport.send({ url, headers: { 'webhook-id': 'evt_1' }, body: '{"id":"evt_1"}', timeoutMs });

describe(NodeWebhookTransport.name, () => {
  const closers: Array<() => void> = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));
  const track = <T extends { close(): unknown }>(thing: T): T => {
    closers.push(() => void thing.close());
    return thing;
  };

  it('refuses, after resolving, a name whose DNS answer is now private (the answer changed since the endpoint was saved)', async () => {
    const { server, seen } = await listen((respond) => respond(204));
    track(server);
    let answer = '93.184.216.34';
    const transport = track(new NodeWebhookTransport(false, async () => [{ address: answer, family: 4 }]));
    answer = '127.0.0.1';
    const result = await send(transport, `http://rebinding.example:${(server.address() as AddressInfo).port}/hook`);
    expect(result).to.deep.include({ kind: 'error' });
    expect((result as { error: string }).error).to.match(/rebinding\.example resolves to 127\.0\.0\.1/);
    expect(seen).to.deep.equal([]);
  });

  it('refuses an address written in the URL without resolving anything', async () => {
    const transport = track(new NodeWebhookTransport(false, async () => { throw new Error('must not resolve'); }));
    for (const url of ['http://127.0.0.1:9/x', 'http://[::1]:9/x', 'http://169.254.169.254/latest', 'http://localhost:9/x']) {
      const result = await send(transport, url);
      expect(result.kind, url).to.equal('error');
    }
  });

  it('connects to the address it checked, resolving once, and sends the name as the Host', async () => {
    const { server, port, seen } = await listen((respond) => respond(200, {}, 'ok'));
    track(server);
    let lookups = 0;
    const transport = track(new NodeWebhookTransport(true, async () => (lookups++, [{ address: '127.0.0.1', family: 4 }])));
    const result = await send(transport, `http://receiver.example:${port}/hook`);
    expect(result).to.deep.include({ kind: 'response', statusCode: 200, body: 'ok' });
    expect([lookups, seen[0]?.host, seen[0]?.headers['webhook-id'], seen[0]?.headers['content-type']]).to.deep.equal([1, `receiver.example:${port}`, 'evt_1', 'application/json']);
  });

  it('never follows a redirect, keeps 1024 characters of an answer, passes Retry-After on, and gives up at the deadline', async () => {
    const other = await listen((respond) => respond(204));
    track(other.server);
    const { server, port } = await listen((respond, seen) => {
      if (seen.headers['webhook-id'] === 'slow') return;
      respond(302, { location: `http://127.0.0.1:${other.port}/elsewhere`, 'retry-after': '7' }, 'z'.repeat(5_000));
    });
    track(server);
    const transport = track(new NodeWebhookTransport(true));
    const redirected = await send(transport, `http://127.0.0.1:${port}/hook`);
    expect(redirected).to.deep.include({ kind: 'response', statusCode: 302, retryAfter: '7' });
    expect((redirected as { body: string }).body).to.have.length(1024);
    expect(other.seen).to.deep.equal([]);
    const slow = await transport.send({ url: `http://127.0.0.1:${port}/hook`, headers: { 'webhook-id': 'slow' }, body: '{}', timeoutMs: 200 });
    expect(slow).to.deep.include({ kind: 'error', error: 'no complete answer within 200 ms' });
    server.closeAllConnections();
  });
});
