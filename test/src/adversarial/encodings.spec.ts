import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { ALL_ROUTES } from '@flexroll/api';
import { rawRequest, rawSocket } from '../support/rawRequest.js';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { buildWorld, type World } from '../support/World.js';
import { TIME_LIMIT_MS } from './budget.js';
import { errorLines } from './sendAll.js';
import { Tally } from './Tally.js';

/** %-escapes that decode to nothing valid: cut short, not hex, overlong, a surrogate, a NUL. */
const BAD_ESCAPES = ['%', '%E0%A4%A', '%zz', '%C0%AF', '%ED%A0%80', '%00', '%FF%FE'];

/** Bodies whose bytes or encoding are wrong, with the headers that claim otherwise; made once. */
let made: Array<{ name: string; body: Buffer; headers: Record<string, string> }> | undefined;
function badBodies(): Array<{ name: string; body: Buffer; headers: Record<string, string> }> {
  return (made ??= makeBadBodies());
}

function makeBadBodies(): Array<{ name: string; body: Buffer; headers: Record<string, string> }> {
  const json = Buffer.from('{"firstName":"Lena"}');
  const as = (name: string, body: Buffer, headers: Record<string, string> = {}) => ({ name, body, headers: { 'content-type': 'application/json', ...headers } });
  return [
    as('not UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])),
    as('a UTF-8 byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json])),
    as('UTF-16 declared', Buffer.from('{"firstName":"Lena"}', 'utf16le'), { 'content-type': 'application/json; charset=utf-16' }),
    as('latin1 declared', json, { 'content-type': 'application/json; charset=iso-8859-1' }),
    as('gzip declared, not gzip', json, { 'content-encoding': 'gzip' }),
    as('gzip cut short', gzipSync(json).subarray(0, 12), { 'content-encoding': 'gzip' }),
    as('deflate declared, not deflate', json, { 'content-encoding': 'deflate' }),
    as('br declared, not br', json, { 'content-encoding': 'br' }),
    as('gzip, correctly', gzipSync(json), { 'content-encoding': 'gzip' }),
    as('deflate, correctly', deflateSync(json), { 'content-encoding': 'deflate' }),
    as('br, correctly', brotliCompressSync(json), { 'content-encoding': 'br' }),
    as('gzip twice', gzipSync(gzipSync(json)), { 'content-encoding': 'gzip, gzip' }),
    as('an unknown encoding', json, { 'content-encoding': 'compress' }),
    as('a zip bomb (8 MB of spaces in 8 kB)', gzipSync(Buffer.alloc(8 * 1024 * 1024, 32)), { 'content-encoding': 'gzip' }),
    as('NUL characters in strings', Buffer.from('{"firstName":"Le\\u0000na"}')),
    as('a lone surrogate escaped in a string', Buffer.from('{"firstName":"\\ud800"}')),
    as('nothing but whitespace', Buffer.from('   ')),
    as('JSON null', Buffer.from('null')),
  ];
}

describeOnEachStore('Adversarial: malformed encodings in the path, the query, the body and the HTTP itself', (store) => {
  let server: TestServer;
  let world: World;
  let tally: Tally;
  before(async function () {
    this.timeout(120_000);
    server = await TestServer.start(store, { rateLimitPerMinute: 10_000_000 });
    world = await buildWorld(server, 'Leap Energy');
    tally = new Tally(`encodings [${store.name} store]`);
  });
  after(async () => {
    tally?.print();
    await server?.stop();
  });

  const auth = (admin: boolean) => ({ authorization: `Bearer ${admin ? ADMIN_TOKEN : world.key}` });

  it('answers a bad %-escape anywhere in a path or a query with a 4xx, before or after authentication', async function () {
    this.timeout(TIME_LIMIT_MS);
    for (const route of ALL_ROUTES) {
      for (const escape of BAD_ESCAPES) {
        const path = route.path.includes('{') ? route.path.replace(/\{\w+\}/, `x${escape}`).replace(/\{\w+\}/g, 'x') : `${route.path}?page=${escape}&${escape}=1`;
        for (const headers of [{}, auth(route.permission === 'platform_admin')]) {
          const answer = await rawRequest(server.base, route.method.toUpperCase(), path, { headers });
          tally.record(`${route.method.toUpperCase()} ${path}`, answer);
          expect(answer.status, `${route.operationId} ${escape}`).to.be.within(400, 499);
        }
      }
    }
    expect(tally.failures).to.deep.equal([]);
  });

  it('answers every body route’s wrongly encoded bodies with a 4xx naming the encoding, and reads the rightly encoded ones', async function () {
    this.timeout(TIME_LIMIT_MS);
    for (const route of ALL_ROUTES.filter((candidate) => candidate.method !== 'get')) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => ({ instanceId: world.instanceId, enrollmentId: world.enrollmentId, participation_id: world.participationId, keyId: world.keyId })[name] ?? 'x');
      for (const { name, body, headers } of badBodies()) {
        const answer = await rawRequest(server.base, route.method.toUpperCase(), path, { headers: { ...auth(route.permission === 'platform_admin'), ...headers }, body });
        tally.record(`${route.operationId}: ${name}`, answer);
      }
    }
    expect(tally.failures.slice(0, 10)).to.deep.equal([]);
    expect(errorLines(server)).to.deep.equal([]);
  });

  it('answers malformed HTTP with a 400 (or 431) in the JSON error shape, and keeps serving', async function () {
    this.timeout(TIME_LIMIT_MS);
    const requests = [
      'GET /programs HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
      'POST /leads HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      'GET /programs HTTP/1.1\r\nHost: x\r\nBad Header Name: 1\r\n\r\n',
      `GET /programs HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`,
      'GET /pro\u0000grams HTTP/1.1\r\nHost: x\r\n\r\n',
      'NOTAMETHOD / HTTP/1.1\r\nHost: x\r\n\r\n',
    ];
    for (const request of requests) {
      const answer = await rawSocket(server.base, request);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      tally.record(request.slice(0, 40), { status, headers: {}, text: answer, json: safeJson(answer.slice(answer.indexOf('\r\n\r\n') + 4)) });
      expect(status, request.slice(0, 40)).to.be.oneOf([400, 404, 431]);
    }
    expect((await rawRequest(server.base, 'GET', '/programs', { headers: auth(false) })).status).to.equal(200);
    expect(tally.failures).to.deep.equal([]);
  });
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
