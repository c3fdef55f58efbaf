import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { createLogger } from '@flexroll/api';
import { EnrollmentService } from '@flexroll/core';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from './support/fixtures.js';
import { describeOnEachStore } from './support/stores.js';

/** What must never reach a log line: Suzie's personal data, as seed 004's example gives it. */
const SUZIES_DATA = ['Suzie', 'Homeowner', 'suzie.homeowner@example.com', '+1234567890', '123 Main St'];

const GENERIC_500 = { type: 'internal', code: 'internal_error', message: 'Something went wrong on our side; it has been logged.', details: [] };

/** A service whose every method fails the way a bug or a broken dependency does: with a plain Error full of internals. */
function failingService(): EnrollmentService {
  const fail = async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'seq') at EnrollmentLog.load (/srv/flexroll/packages/core/dist/EnrollmentLog.js:51:7) mongodb://admin:hunter2@10.0.0.7");
  };
  return { create: fail, get: fail, list: fail, update: fail, delete: fail } as unknown as EnrollmentService;
}

describeOnEachStore('Rate limits, body limits and internal errors', (store) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    expect(server?.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]);
    await server?.stop();
    server = undefined;
  });

  it('limits each key to its requests a minute: the next gets 429 rate_limited with Retry-After, and another key is unaffected', async () => {
    server = await TestServer.start(store, { rateLimitPerMinute: 5 });
    const first = await server.workspace('Busy Utility');
    const second = await server.workspace('Quiet Utility');
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await server.get('/programs', { key: first.key }));
    expect(answers.map((answer) => answer.status)).to.deep.equal([200, 200, 200, 200, 200]);
    expect(answers[0]!.headers.get('ratelimit-policy')).to.equal('5;w=60');
    expect(answers.map((answer) => answer.headers.get('ratelimit')?.match(/remaining=(\d+)/)?.[1])).to.deep.equal(['4', '3', '2', '1', '0']);

    const limited = await server.get('/programs', { key: first.key });
    expect([limited.status, limited.body.error.type, limited.body.error.code]).to.deep.equal([429, 'rate_limited', 'rate_limited']);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter, 'Retry-After in whole seconds').to.be.a('number').and.to.be.within(1, 60);
    expect(limited.body.error.message).to.include(`retry in ${retryAfter} s`);
    expect((await server.get('/events', { key: first.key })).status, 'the limit is per key, not per route').to.equal(429);

    expect((await server.get('/programs', { key: second.key })).status, 'another key').to.equal(200);
  });

  it('refuses a body over the configured limit with 413 naming the limit, and accepts one under it', async () => {
    server = await TestServer.start(store, { bodyLimit: '1kb' });
    const { key } = await server.workspace('Small Bodies');
    const over = await server.post('/leads', { key, body: { firstName: 'L', address: { streetOne: 'x'.repeat(2000), city: 'New York', state: 'NY', postalCode: '10001', country: 'USA' } } });
    expect([over.status, over.body.error.code]).to.deep.equal([413, 'body_too_large']);
    expect(over.body.error.message).to.include('1024 bytes');
    expect((await server.post('/leads', { key, body: { firstName: 'Lena', phone: '+1555000111' } })).status).to.equal(201);
  });

  it('answers an internal failure with a generic 500 that carries no message, stack or internals', async () => {
    server = await TestServer.start(store);
    const { key } = await server.workspace('Unlucky Utility');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Unlucky 2025' } });
    const restore = server.substitute('enrollments', failingService());
    try {
      const responses = [
        await server.get('/enrollments/cnotanidanywhere000000001', { key }),
        await server.get(`/programInstances/${instance.body.id}/enrollments`, { key }),
        await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE, headers: { 'Idempotency-Key': 'unlucky-1' } }),
      ];
      for (const response of responses) {
        expect(response.status).to.equal(500);
        expect(response.body.error).to.deep.equal({ ...GENERIC_500, requestId: response.headers.get('x-request-id') });
        const text = JSON.stringify(response.body);
        for (const leak of ['TypeError', 'Cannot read', 'EnrollmentLog', '.js:', '/srv/', 'hunter2', '10.0.0.7', ' at ']) expect(text).to.not.include(leak);
      }
      const logged = server.logLines.map((line) => JSON.parse(line)).filter((line) => line.message === 'unhandled error');
      expect(logged.map((line) => line.requestId), 'each failure is logged under its request id').to.deep.equal(responses.map((r) => r.headers.get('x-request-id')));
      expect(logged[0].error.stack, 'the stack stays in the log').to.include('TypeError');
    } finally {
      restore();
    }
    const retried = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE, headers: { 'Idempotency-Key': 'unlucky-1' } });
    expect(retried.status, 'the failed request freed its Idempotency-Key').to.equal(201);
  });
});

describeOnEachStore('Structured request logs', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store);
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('log one JSON line per request with its id, workspace, route, status and latency, and never a key or Suzie’s data', async () => {
    const { key, workspaceId } = await server.workspace('Leap Energy');
    let step = 0;
    const traced = (options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}) =>
      ({ key, ...options, headers: { ...options.headers, 'X-Request-Id': `journey-step-${String(++step).padStart(2, '0')}` } });

    const program = await server.post('/programs', { ...traced(), key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', traced({ body: { programId: program.body.id, name: 'Community Powershare 2025' } }));
    const created = await server.post(`/programInstances/${instance.body.id}/enrollments`, traced({ body: SUZIE }));
    expect(created.status).to.equal(201);
    await server.get(`/programInstances/${instance.body.id}/enrollments?referenceId=1234567890`, traced());
    await server.get(`/enrollments/${created.body.id}`, traced());
    await server.patch(`/enrollments/${created.body.id}`, traced({ body: { phone: '+1234567890', address: SUZIE.address, tags: ['Suzie'] } }));
    await server.post('/customers', traced({ body: { firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com', phone: 'Suzie +1234567890' } }));
    await server.post('/leads', traced({ raw: '{"firstName": "Suzie", "lastName": "Homeowner", "email": "suzie.homeowner@example.com",', headers: { 'content-type': 'application/json' } }));
    await server.get(`/vpp-participations/${created.body.participationId}`, traced());
    const scoped = await server.post('/api-keys', traced({ body: { name: 'crm', mode: 'live', permissions: ['enrollments:read'] } }));
    await server.get('/events', { key: scoped.body.secret, headers: { 'X-Request-Id': 'journey-step-99' } });
    await server.get('/programs', { key: `${key}x`, headers: { 'X-Request-Id': 'journey-step-98' } });

    const lines = server.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.message === 'request' && String(line.requestId).startsWith('journey-step-'));
    expect(requests.map((line) => line.requestId)).to.have.members([...Array.from({ length: step }, (_, i) => `journey-step-${String(i + 1).padStart(2, '0')}`), 'journey-step-99', 'journey-step-98']);
    for (const line of requests) {
      expect(line, JSON.stringify(line)).to.include.keys('requestId', 'route', 'status', 'latencyMs', 'method', 'level', 'timestamp');
      expect(line.latencyMs).to.be.a('number').and.to.be.at.least(0);
      expect(line.route, JSON.stringify(line)).to.match(/^(GET|POST|PATCH|DELETE) \//);
    }
    const byId = (id: string) => requests.find((line) => line.requestId === id)!;
    expect(byId('journey-step-01')).to.include({ route: 'POST /programs', status: 201 }).and.not.have.property('workspaceId');
    expect(byId('journey-step-03')).to.include({ route: 'POST /programInstances/{instanceId}/enrollments', status: 201, workspaceId });
    expect(byId('journey-step-06')).to.include({ route: 'PATCH /enrollments/{enrollmentId}', status: 200, workspaceId });
    expect(byId('journey-step-07')).to.include({ route: 'POST /customers', status: 400, workspaceId });
    expect(byId('journey-step-08')).to.include({ route: 'POST /leads', status: 400, workspaceId });
    expect(byId('journey-step-99')).to.include({ route: 'GET /events', status: 403 });
    expect(byId('journey-step-98')).to.include({ route: 'GET /programs', status: 401 }).and.not.have.property('workspaceId');

    const everything = server.logLines.join('\n');
    for (const secret of [key, scoped.body.secret, ADMIN_TOKEN]) expect(everything, 'an API key or token').to.not.include(secret);
    for (const personal of SUZIES_DATA) expect(everything, 'Suzie’s personal data').to.not.include(personal);
  });

  it('redacts keys, secrets and personal data whichever call site logs them', () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const logger = createLogger({ stream });
    logger.warn('adapter call failed for fr_live_sk_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', {
      authorization: 'Bearer fr_live_sk_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      enrollment: { firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com', phone: '+1234567890', address: SUZIE.address },
      adapter: { id: 'manual', config: { apiToken: 'operator-secret' } },
      note: 'rotated whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw and fr_test_rk_zzzzzzzzzzzzzzzzzzzz',
    });
    const text = lines.join('\n');
    expect(JSON.parse(lines[0]!)).to.include({ level: 'warn' });
    for (const leak of [...SUZIES_DATA, 'fr_live_sk_', 'fr_test_rk_', 'whsec_', 'operator-secret']) expect(text).to.not.include(leak);
    expect(text).to.include('[REDACTED]');
  });
});
