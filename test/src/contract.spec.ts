import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_ROUTES, schemas, type RouteDefinition, type RoutePermission } from '@flexroll/api';
import { API_KEY_PERMISSIONS, type ApiKeyPermission } from '@flexroll/core';
import { ADMIN_TOKEN, TestServer, type ApiResponse } from './support/TestServer.js';
import { describeOnEachStore, STORES } from './support/stores.js';

const KNOWN_PERMISSIONS: readonly string[] = [...API_KEY_PERMISSIONS, 'platform_admin', 'session', 'public'];
/** Routes that take a credential: all but the public ones (signing in, accepting an invitation). */
const GUARDED = ALL_ROUTES.filter((route) => route.permission !== 'public');
/** Routes an API key may call (the session's own routes want the member's cookie). */
const KEYED = GUARDED.filter((route) => route.permission !== 'session');

/** Well-formed ids that name nothing, so a request gets past validation and its answer says only who may call. */
const NOWHERE: Readonly<Record<string, string>> = {
  instanceId: 'cnotanidanywhere000000000',
  enrollmentId: 'cnotanidanywhere000000001',
  participation_id: 'vpo_000000000000000000000000',
  keyId: 'key_000000000000000000000000',
  programId: 'vpr_000000000000000000000000',
  endpointId: 'whe_000000000000000000000000',
  messageId: 'msg_000000000000000000000000',
  memberId: 'mem_000000000000000000000000',
};

const nameOf = (route: RouteDefinition) => `${route.method.toUpperCase()} ${route.path}`;
const pathOf = (route: RouteDefinition) => route.path.replace(/\{(\w+)\}/g, (_, name: string) => NOWHERE[name] ?? 'nowhere');
const call = (server: TestServer, route: RouteDefinition, key?: string, headers?: Record<string, string>) =>
  server.request(route.method.toUpperCase(), pathOf(route), { ...(key === undefined ? {} : { key }), ...(headers === undefined ? {} : { headers }) });

// That each route declares a known permission is the compiler's to check (RoutePermission). What it cannot see is a
// permission a key can be given that no route asks for: a grant that means nothing.
describe('Every permission a key can hold', () => {
  it('guards at least one route, and the administrator\'s too', () => {
    const guarding = new Set(ALL_ROUTES.map((route) => route.permission));
    expect(KNOWN_PERMISSIONS.filter((permission) => !guarding.has(permission as RoutePermission)), 'permissions no route asks for').to.deep.equal([]);
  });
});

describe('The published contract', () => {
  let server: TestServer;
  let document: any;
  before(async () => {
    server = await TestServer.start(STORES[0]!);
    const response = await fetch(`${server.base}/openapi.json`);
    expect(response.status).to.equal(200);
    document = await response.json();
  });
  after(async () => server?.stop());

  it('is an OpenAPI 3.1 document with the one error shape as components/schemas/Error', () => {
    expect(document.openapi).to.match(/^3\.1\.\d+$/);
    expect(document.info.title).to.be.a('string');
    expect(document.components.schemas.Error).to.deep.equal(JSON.parse(JSON.stringify(schemas.ErrorBody)));
    expect(document.components.securitySchemes.bearer).to.deep.include({ type: 'http', scheme: 'bearer' });
  });

  for (const route of ALL_ROUTES) {
    it(`lists ${nameOf(route)} with its permission, parameters and responses`, () => {
      const operation = document.paths[route.path]?.[route.method];
      expect(operation, `${nameOf(route)} is missing from /openapi.json`).to.be.an('object');
      expect(operation).to.deep.include({ operationId: route.operationId, 'x-permission': route.permission });
      const pathParameters = operation.parameters.filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name);
      expect(pathParameters).to.have.members([...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
      for (const status of Object.keys(route.responses)) expect(operation.responses, `success ${status}`).to.have.property(status);
      for (const status of ['400', '401', '403', '429']) {
        expect(operation.responses[status]?.content['application/json'].schema, `error ${status}`).to.deep.equal({ $ref: '#/components/schemas/Error' });
      }
      // A public POST keeps no idempotent answer: a replayed sign-in would hand out its session cookie again.
      if (route.method === 'post' && route.permission !== 'public') expect(operation.parameters.map((p: { name: string }) => p.name)).to.include('Idempotency-Key');
      if (route.method !== 'get' && route.permission !== 'public') expect(operation.parameters.map((p: { name: string }) => p.name)).to.include('X-CSRF-Token');
    });
  }

  it('lists nothing that is not a route', () => {
    const declared = new Set(ALL_ROUTES.map((route) => `${route.method} ${route.path}`));
    const listed = Object.entries(document.paths as Record<string, object>).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    expect(listed.filter((operation) => !declared.has(operation))).to.deep.equal([]);
  });

  it('is matched by the endpoints table of docs/api.md, route for route', () => {
    const guide = readFileSync(fileURLToPath(new URL('../../docs/api.md', import.meta.url)), 'utf8');
    const rows = new Set([...guide.matchAll(/^\| `(GET|POST|PATCH|DELETE)` \| `(\/[^`]*)` \|[^|]*\| ([^|]+) \|/gm)].map((row) => `${row[1]} ${row[2]} ${row[3]!.trim()}`));
    const expected = ALL_ROUTES.map((route) => `${nameOf(route)} ${route.permission === 'platform_admin' ? 'platform administrator' : `\`${route.permission}\``}`);
    expect(expected.filter((row) => !rows.has(row)), 'routes missing from docs/api.md (or with another permission there)').to.deep.equal([]);
    expect(rows.size, 'rows in docs/api.md that are not routes').to.equal(expected.length);
  });

  it('serves a human-readable reference page at /docs', async () => {
    const response = await fetch(`${server.base}/docs`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/html/);
    const html = await response.text();
    expect(html).to.include('<html').and.include('Flexroll API reference').and.include('swagger-ui');
  });
});

describeOnEachStore('Authentication, permissions, request ids and unknown routes', (store) => {
  let server: TestServer;
  let key: string;
  before(async () => {
    server = await TestServer.start(store, { rateLimitPerMinute: 10_000 });
    ({ key } = await server.workspace('Leap Energy'));
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  const expectError = (response: ApiResponse, status: number, code: string) =>
    expect([response.status, response.body?.error?.code], JSON.stringify(response.body)).to.deep.equal([status, code]);

  it('answers every route but the public ones without credentials with 401 and WWW-Authenticate: Bearer', async () => {
    for (const route of GUARDED) {
      const response = await call(server, route);
      expectError(response, 401, 'missing_credentials');
      expect(response.headers.get('www-authenticate'), nameOf(route)).to.equal('Bearer');
      expect(response.body.error.type).to.equal('authentication');
    }
  });

  it('answers a malformed Authorization header and an unknown key with 401', async () => {
    const route = ALL_ROUTES.find((candidate) => candidate.permission === 'programs:read')!;
    expectError(await call(server, route, undefined, { authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` }), 401, 'missing_credentials');
    expectError(await call(server, route, undefined, { authorization: 'Bearer' }), 401, 'missing_credentials');
    const unknown = await call(server, route, 'fr_live_sk_thiskeywasneverissuedtoanyone00000000');
    expectError(unknown, 401, 'invalid_credentials');
    expect(unknown.headers.get('www-authenticate')).to.equal('Bearer');
  });

  it('answers a revoked key with 401, on every route it could call before', async () => {
    const issued = await server.post('/api-keys', { key, body: { name: 'soon revoked', mode: 'live', permissions: [...API_KEY_PERMISSIONS] } });
    expect(issued.status).to.equal(201);
    expect((await server.get('/programs', { key: issued.body.secret })).status).to.equal(200);
    const revoked = await server.delete(`/api-keys/${issued.body.id}`, { key });
    expect([revoked.status, typeof revoked.body.revokedAt]).to.deep.equal([200, 'string']);
    for (const route of GUARDED.filter((candidate) => candidate.permission !== 'platform_admin')) {
      const response = await call(server, route, issued.body.secret);
      expectError(response, 401, 'invalid_credentials');
      expect(response.headers.get('www-authenticate')).to.equal('Bearer');
    }
  });

  const permissions = [...new Set(KEYED.map((route) => route.permission))].filter((p): p is ApiKeyPermission => p !== 'platform_admin');
  for (const permission of permissions) {
    it(`refuses a scoped key without '${permission}' with 403 on each route needing it, and lets one with only '${permission}' through`, async () => {
      const without = (await server.post('/api-keys', { key, body: { name: `all but ${permission}`, mode: 'live', permissions: API_KEY_PERMISSIONS.filter((p) => p !== permission) } })).body.secret;
      // A key grants only its own mode (docs/api.md): the workspace's live secret key makes live keys.
      const only = (await server.post('/api-keys', { key, body: { name: `only ${permission}`, mode: 'live', permissions: [permission] } })).body.secret;
      for (const route of ALL_ROUTES.filter((candidate) => candidate.permission === permission)) {
        const refused = await call(server, route, without);
        expectError(refused, 403, 'missing_permission');
        expect(refused.body.error.type).to.equal('permission');
        expect(refused.body.error.message).to.include(permission);
        expect(refused.body.error.details).to.deep.equal([{ field: '/authorization', rule: 'permission', message: `requires ${permission}` }]);
        const allowed = await call(server, route, only);
        expect(allowed.status, `${nameOf(route)} with only ${permission}: ${JSON.stringify(allowed.body)}`).to.not.be.oneOf([401, 403]);
      }
    });
  }

  it('keeps the session’s own routes to a member’s session cookie', async () => {
    for (const route of GUARDED.filter((candidate) => candidate.permission === 'session')) {
      expectError(await call(server, route, key), 403, 'session_required');
      expectError(await call(server, route, undefined, { cookie: 'flexroll_session=frs_neverissued' }), 401, 'session_expired');
    }
  });

  it('keeps platform-administrator routes to the administrator token', async () => {
    for (const route of ALL_ROUTES.filter((candidate) => candidate.permission === 'platform_admin')) {
      const refused = await call(server, route, key);
      expectError(refused, 403, 'platform_admin_required');
      const allowed = await call(server, route, ADMIN_TOKEN);
      expect(allowed.status, nameOf(route)).to.not.be.oneOf([401, 403]);
    }
    const workspaceRoute = ALL_ROUTES.find((candidate) => candidate.permission === 'programs:read')!;
    expectError(await call(server, workspaceRoute, ADMIN_TOKEN), 401, 'invalid_credentials');
  });

  it('answers unknown routes and methods with a JSON 404 in the error shape', async () => {
    const attempts = [
      server.get('/nowhere', { key }),
      server.post('/nowhere', { key, body: { a: 1 } }),
      server.get('/enrollments', { key }),
      server.request('PUT', `/enrollments/${NOWHERE.enrollmentId}`, { key, body: {} }),
      server.get('/nowhere'),
    ];
    for (const response of await Promise.all(attempts)) {
      expectError(response, 404, 'route_not_found');
      expect(response.headers.get('content-type')).to.match(/^application\/json/);
      expect(response.body.error).to.include({ type: 'not_found', message: 'No such route.' });
    }
  });

  it('puts the request id of every error in both the X-Request-Id header and the body', async () => {
    const responses = await Promise.all([
      server.get('/programs'), // 401
      server.post('/programs', { key, body: {} }), // 403
      server.get('/programs?perPage=101', { key }), // 400
      server.get(`/enrollments/${NOWHERE.enrollmentId}`, { key }), // 404
      server.get('/nowhere', { key }), // 404 route
      server.post('/programInstances', { key, body: { programId: NOWHERE.programId, name: 'x' } }), // 422
      server.post('/leads', { key, raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), // 415
      server.post('/leads', { key, body: { firstName: 'x'.repeat(200 * 1024) } }), // 413
      server.post('/leads', { key, raw: '{', headers: { 'content-type': 'application/json' } }), // 400 malformed
    ]);
    expect(responses.map((response) => response.status)).to.deep.equal([401, 403, 400, 404, 404, 422, 415, 413, 400]);
    const ids = responses.map((response) => response.headers.get('x-request-id'));
    expect(responses.map((response) => response.body.error.requestId)).to.deep.equal(ids);
    for (const id of ids) expect(id).to.match(/^req_[0-9a-f]{12}[0-9a-z]{6,}$/);
    expect(new Set(ids).size, 'each request its own id').to.equal(ids.length);
  });

  it('echoes a well-formed X-Request-Id from the caller and replaces a malformed one', async () => {
    const traced = await server.get('/programs', { key, headers: { 'X-Request-Id': 'lb-7f3a.trace_0001' } });
    expect([traced.status, traced.headers.get('x-request-id')]).to.deep.equal([200, 'lb-7f3a.trace_0001']);
    const tracedError = await server.get('/programs?page=0', { key, headers: { 'X-Request-Id': 'lb-7f3a.trace_0002' } });
    expect([tracedError.headers.get('x-request-id'), tracedError.body.error.requestId]).to.deep.equal(['lb-7f3a.trace_0002', 'lb-7f3a.trace_0002']);
    const logged = server.logLines.map((line) => JSON.parse(line)).filter((line) => line.requestId === 'lb-7f3a.trace_0001');
    expect(logged, 'the caller’s id is the log line’s id').to.have.length(1);
    for (const malformed of ['short', 'has spaces in it', 'x'.repeat(65), 'semi;colon;header']) {
      const response = await server.get('/programs', { key, headers: { 'X-Request-Id': malformed } });
      expect(response.headers.get('x-request-id'), malformed).to.match(/^req_[0-9a-f]{12}[0-9a-z]{6,}$/);
    }
  });

  it('answers /healthz and /readyz with 200', async () => {
    const health = await fetch(`${server.base}/healthz`);
    expect([health.status, await health.json()]).to.deep.equal([200, { status: 'ok' }]);
    const ready = await fetch(`${server.base}/readyz`);
    expect([ready.status, await ready.json()]).to.deep.equal([200, { status: 'ready' }]);
  });

  it('answers /readyz with 503 and Retry-After while the store does not answer', async () => {
    const unready = await TestServer.start(store, { ready: () => Promise.reject(new Error('connection refused by 10.0.0.7:27017')) });
    try {
      const response = await fetch(`${unready.base}/readyz`);
      const body = (await response.json()) as { error: Record<string, unknown> };
      expect(response.status).to.equal(503);
      expect(Number(response.headers.get('retry-after'))).to.be.above(0);
      expect(body.error).to.include({ type: 'unavailable', code: 'not_ready', requestId: response.headers.get('x-request-id') });
      expect(JSON.stringify(body), 'no internal detail').to.not.include('10.0.0.7');
      expect((await fetch(`${unready.base}/healthz`)).status, 'alive, though not ready').to.equal(200);
    } finally {
      await unready.stop();
    }
  });
});
