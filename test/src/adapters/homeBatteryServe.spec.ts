import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ServeProcess } from '../support/ServeProcess.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SAMPLE = path.join(repoRoot, 'docs/samples/home-battery');
const CLIENT = { clientId: 'flexroll', clientSecret: 'hb-client-secret-0001' };
const WEBHOOK_SECRET = 'whsec_aG9tZS1iYXR0ZXJ5LXRlc3Qtc2VjcmV0';
const EMAIL = 'suzie.homeowner@example.com';

interface Received { method: string; path: string; headers: http.IncomingHttpHeaders; body: string; at: number }

/**
 * The home-battery operator of docs/adapters.md §1.11 on loopback, as a real server: OAuth 2.0 client credentials
 * (a form-encoded token request, 60 s tokens), a create call that needs the customer's e-mail and answers one 429
 * with `Retry-After: 30` first, and a DELETE. It checks what a real operator would refuse, and keeps every request.
 */
class LoopbackOperator {
  readonly received: Received[] = [];
  readonly #tokens = new Map<string, number>();
  readonly #server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const seen = { method: request.method!, path: request.url!, headers: request.headers, body, at: Date.now() };
      this.received.push(seen);
      const [status, answer, headers] = this.#answer(seen);
      response.writeHead(status, { ...(answer === undefined ? {} : { 'content-type': 'application/json' }), ...headers }).end(answer === undefined ? undefined : JSON.stringify(answer));
    });
  });
  #creates = 0;

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  to(method: string, prefix: string): Received[] {
    return this.received.filter((request) => request.method === method && request.path.startsWith(prefix));
  }

  #answer(request: Received): [number, unknown?, Record<string, string>?] {
    if (request.method === 'POST' && request.path === '/oauth/token') {
      const form = Object.fromEntries(new URLSearchParams(request.body));
      const formEncoded = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') === true;
      if (!formEncoded || form.grant_type !== 'client_credentials' || form.client_id !== CLIENT.clientId || form.client_secret !== CLIENT.clientSecret) return [401, { error: 'invalid_client' }];
      const token = `tok-${this.#tokens.size + 1}`;
      this.#tokens.set(token, Date.now() + 60_000);
      return [200, { access_token: token, token_type: 'Bearer', expires_in: 60 }];
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer === undefined || (this.#tokens.get(bearer) ?? 0) < Date.now()) return [401, { error: 'invalid_token' }];
    if (request.method === 'POST' && request.path === '/v1/enrollments') {
      const { email } = JSON.parse(request.body) as { email?: string };
      if (email === undefined) return [422, { error: 'email is required' }];
      this.#creates += 1;
      return this.#creates === 1 ? [429, { error: 'slow down' }, { 'retry-after': '30' }] : [201, { id: 'hb_0001' }];
    }
    if (request.method === 'DELETE' && request.path === '/v1/enrollments/hb_0001') return [204];
    return [404, { error: 'not found' }];
  }
}

/** A standard webhook: `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the secret's bytes. */
function signed(id: string, data: { enrollmentId: string; status: string; sequence: number }): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ type: 'battery.status', timestamp: new Date().toISOString(), data });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', Buffer.from(WEBHOOK_SECRET.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { body, headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` } };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * docs/adapters.md §1.11's adapter (docs/samples/home-battery, built as it is) loaded by path into a real
 * `flexroll serve`, its operator a real HTTP server on loopback: the grant, the create call with the e-mail and one
 * Idempotency-Key across a 429 with Retry-After: 30, signed webhooks before the link (503), duplicated and out of
 * order, and the DELETE on unenrolment.
 */
describe('a home-battery integration through a real flexroll serve, its operator on loopback', function () {
  this.timeout(180_000);
  const operator = new LoopbackOperator();
  let serve: ServeProcess;
  let key: string;
  let program: string;
  let operatorBase: string;

  before(async () => {
    await promisify(execFile)(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', SAMPLE], { cwd: repoRoot });
    operatorBase = await operator.listen();
    const { MONGODB_URI: _uri, FLEXROLL_ADMIN_TOKEN: _token, FLEXROLL_SECRET_KEY: _secret, PORT: _port, HOST: _host, ...rest } = process.env;
    serve = await ServeProcess.start({
      ...rest, LOG_LEVEL: 'warn',
      FLEXROLL_ADAPTERS: `@flexroll/plugin-manual,${path.join(SAMPLE, 'dist/index.js')}`,
      FLEXROLL_ADAPTERS_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    key = /secret key\s+(\S+)/.exec(serve.output)![1]!;
    program = /program\s+(\S+)/.exec(serve.output)![1]!;
  });
  after(async () => {
    await serve?.kill9();
    await operator.close();
  });

  const call = async (method: string, route: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }) => {
    const response = await fetch(`${serve.base}${route}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text === '' ? undefined : JSON.parse(text)) };
  };
  const webhook = (instanceId: string, id: string, data: { enrollmentId: string; status: string; sequence: number }) => {
    const { body, headers } = signed(id, data);
    return call('POST', `/programInstances/${instanceId}/operator-webhooks`, body, headers);
  };

  it('grants the e-mail, creates the customer at the operator after its 429, takes webhooks before the link, twice and out of order, and DELETEs on unenrolment', async () => {
    const created = await call('POST', '/programInstances', {
      programId: program, name: 'Home Battery 2026',
      adapter: { adapterId: 'home-battery', config: { apiBaseUrl: operatorBase, ...CLIENT, webhookSecret: WEBHOOK_SECRET } },
      customerDataGrant: { fields: ['email'] },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.customerDataGrant.fields).to.deep.equal(['email']);
    const instance = created.body.id as string;
    const enrolled = await call('POST', `/programInstances/${instance}/enrollments`, {
      identificationType: 'customerInfo', firstName: 'Suzie', lastName: 'Homeowner', email: EMAIL, manufacturerSlugs: ['tesla'], serialNumber: 'BAT-0042',
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).to.equal(201);
    const enrollmentId = enrolled.body.id as string;
    const participationId = enrolled.body.participationId as string;

    // The outbox delivers onParticipationCreated: the operator answers 429, Retry-After: 30.
    const [limited] = await until('the create call', () => (operator.to('POST', '/v1/enrollments').length > 0 ? operator.to('POST', '/v1/enrollments') : undefined), 15_000);
    // The operator's webhook overtakes its own answer: the reference is not linked yet, so the sender is told to retry.
    const invited = { enrollmentId: 'hb_0001', status: 'INVITED', sequence: 1 };
    const early = await webhook(instance, 'msg_1', invited);
    expect([early.status, early.body.error.code, early.headers.get('retry-after')]).to.deep.equal([503, 'reference_not_linked', '30']);

    // 30 s later, the outbox tries the item again: the same key, the same token, the e-mail; the operator answers hb_0001.
    const [, second] = await until('the create call after Retry-After', () => (operator.to('POST', '/v1/enrollments').length > 1 ? operator.to('POST', '/v1/enrollments') : undefined), 60_000);
    expect(second!.at - limited!.at).to.be.at.least(30_000);
    expect(JSON.parse(second!.body)).to.deep.equal({ email: EMAIL, serialNumber: 'BAT-0042', externalReference: participationId });
    expect(second!.headers['idempotency-key']).to.match(/^obx_/).and.to.equal(limited!.headers['idempotency-key']);
    expect([limited!.headers.authorization, second!.headers.authorization]).to.deep.equal(['Bearer tok-1', 'Bearer tok-1']);
    expect(operator.to('POST', '/oauth/token')).to.have.length(1);

    // The sender's retry is applied once the link has landed; a redelivery is a duplicate.
    const retried = await until('the webhook applied after the link', async () => {
      const answer = await webhook(instance, 'msg_1', invited);
      return answer.status === 503 ? undefined : answer;
    }, 15_000);
    expect([retried.status, retried.body.results[0].outcome, retried.body.results[0].participation_id]).to.deep.equal([200, 'applied', participationId]);
    expect((await webhook(instance, 'msg_1', invited)).body.results[0].outcome).to.equal('duplicate');
    expect((await call('GET', `/vpp-participations/${participationId}`)).body.current_state).to.equal('AWAITING_CONSENT');

    // Consent and telemetry through the API; the operator's LIVE (sequence 3) confirms control and waits for REGISTERED.
    await call('POST', `/vpp-participations/${participationId}/consent`, { terms_version: '2025-01' });
    await call('POST', `/vpp-participations/${participationId}/telemetry`, {});
    expect((await webhook(instance, 'msg_3', { enrollmentId: 'hb_0001', status: 'LIVE', sequence: 3 })).body.results[0].outcome).to.equal('applied');
    // An older event (sequence 2) arriving after it is recorded, not applied.
    expect((await webhook(instance, 'msg_2', { enrollmentId: 'hb_0001', status: 'REMOVED', sequence: 2 })).body.results[0].outcome).to.equal('stale');
    await call('PATCH', `/enrollments/${enrollmentId}`, { status: 'eligible', reason: 'In service territory' });
    await call('PATCH', `/enrollments/${enrollmentId}`, { status: 'approved' });
    expect((await call('GET', `/vpp-participations/${participationId}`)).body.current_state).to.equal('ACTIVE');

    // Unenrolment: the operator's enrollment is deleted, with a token.
    const unenrolled = await call('PATCH', `/enrollments/${enrollmentId}`, { status: 'unenrolled', reason: 'Moving house' });
    expect(unenrolled.status, JSON.stringify(unenrolled.body)).to.equal(200);
    const [deleted] = await until('the DELETE', () => (operator.to('DELETE', '/v1/enrollments/').length > 0 ? operator.to('DELETE', '/v1/enrollments/') : undefined), 15_000);
    expect(deleted!.path).to.equal('/v1/enrollments/hb_0001');
    expect(deleted!.headers.authorization).to.match(/^Bearer tok-\d+$/);

    // The hand-over of the e-mail is on the enrollment's audit trail: the field's name, never its value.
    const shared = await call('GET', `/events?enrollmentId=${enrollmentId}&type=adapter.customer_data_shared`);
    const data = (shared.body.data as { data: unknown }[]).map((event) => event.data);
    expect(data).to.have.length.at.least(2);
    expect(data[0]).to.deep.equal({ adapterId: 'home-battery', operation: 'onParticipationCreated', fields: ['email'] });
    expect(JSON.stringify(shared.body)).to.not.contain(EMAIL);
  });
});
