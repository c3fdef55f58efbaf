import { expect } from 'chai';
import { ALL_ROUTES } from '@flexroll/api';
import { BAD_REQUESTS, type BadRequest, type Ids } from './support/badRequests.js';
import { SUZIE } from './support/fixtures.js';
import { ADMIN_TOKEN, TestServer, type ApiResponse } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';
import { StoreWrites } from './support/StoreWrites.js';
import { buildWorld, snapshotWorld, type World } from './support/World.js';
import { signedInMember, type SignedInMember } from './support/members.js';

const ROUTE_NAMES = ALL_ROUTES.map((route) => `${route.method.toUpperCase()} ${route.path}`);

const TYPE_BY_STATUS: Readonly<Record<number, string>> = { 400: 'invalid_request', 404: 'not_found', 409: 'conflict', 413: 'invalid_request', 415: 'invalid_request', 422: 'unprocessable' };

function fill(template: string, ids: Ids): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (ids[name] === undefined) throw new Error(`No id named ${name} for ${template}`);
    return ids[name];
  });
}

async function send(server: TestServer, row: BadRequest, ids: Ids, world: World, member: SignedInMember): Promise<ApiResponse> {
  const [method, routePath] = row.route.split(' ') as [string, string];
  const path = fill(row.path ?? routePath, ids) + (row.query === undefined ? '' : `?${row.query}`);
  const credentials = row.as === 'member' ? { headers: { ...member.write, ...row.headers } } : row.as === 'nobody' ? {} : { key: row.admin === true ? ADMIN_TOKEN : world.key };
  const headers = 'headers' in credentials ? credentials.headers : row.headers;
  const key = 'key' in credentials ? { key: credentials.key } : {};
  const body = row.bodyOf?.(ids) ?? row.body;
  if (row.raw !== undefined) {
    return server.request(method, path, { ...key, raw: row.raw.text, headers: { 'content-type': row.raw.contentType, ...headers } });
  }
  return server.request(method, path, { ...key, ...(body === undefined ? {} : { body }), ...(headers === undefined ? {} : { headers }) });
}

/** Everything a request could have changed that the API can show: the world, the platform's programs, the workspace's instances. */
async function snapshot(server: TestServer, world: World): Promise<unknown> {
  const [programs, instances] = await Promise.all([
    server.get('/programs?perPage=100', { key: world.key }),
    server.get('/programInstances?perPage=100', { key: world.key }),
  ]);
  return { world: await snapshotWorld(server, world), programs: programs.body, instances: instances.body };
}

describe('The bad-input table', () => {
  it('has a row for every route, so a new route without one fails here', () => {
    const covered = new Set(BAD_REQUESTS.map((row) => row.route));
    expect(ROUTE_NAMES.filter((name) => !covered.has(name)), 'routes without a bad-input row').to.deep.equal([]);
  });

  it('names only routes that exist', () => {
    expect(BAD_REQUESTS.map((row) => row.route).filter((name) => !ROUTE_NAMES.includes(name))).to.deep.equal([]);
  });
});

describeOnEachStore('Bad input gets the right 4xx, a helpful error, and writes nothing', (store) => {
  let server: TestServer;
  let writes: StoreWrites;
  let world: World;
  let ids: Ids;
  let member: SignedInMember;

  before(async function () {
    this.timeout(60_000);
    // Each row reads the workspace twice; the default 600 requests a minute would cut the table short.
    server = await TestServer.start(store, { rateLimitPerMinute: 100_000 });
    writes = StoreWrites.install(server);
    world = await buildWorld(server, 'Leap Energy');
    member = await signedInMember(server, world.workspaceId, 'admin');
    const other = await buildWorld(server, 'Other Utility');
    const foreignCustomer = await server.post('/customers', { key: other.key, body: { firstName: 'Olga', lastName: 'Other', email: 'olga@example.org' } });
    const unplugged = await server.post(`/programInstances/${world.instanceId}/enrollments`, { key: world.key, body: { identificationType: 'customerInfo', firstName: 'Ian', lastName: 'Eligible', email: 'ian@example.com' } });
    const ineligible = await server.patch(`/enrollments/${unplugged.body.id}`, { key: world.key, body: { status: 'ineligible', reason: 'Outside service area' } });
    const enrollment = await server.get(`/enrollments/${world.enrollmentId}`, { key: world.key });
    expect([foreignCustomer.status, ineligible.status, ineligible.body.eligibility.status]).to.deep.equal([201, 200, 'ineligible']);
    ids = {
      programId: world.programId,
      instanceId: world.instanceId,
      enrollmentId: world.enrollmentId,
      participation_id: world.participationId,
      keyId: world.keyId,
      itemId: world.itemId,
      mailId: world.mailId,
      foreignCustomerId: foreignCustomer.body.id,
      foreignEnrollmentId: other.enrollmentId,
      ineligibleEnrollmentId: unplugged.body.id,
      serialNumber: enrollment.body.serialNumber,
      endpointId: world.endpointId,
      messageId: world.messageId,
      deadlineId: world.deadlineId,
      foreignInstanceId: other.instanceId,
      memberId: world.memberId,
    };
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  for (const row of BAD_REQUESTS) {
    const title = `${row.route}: ${row.what} → ${row.status} ${row.code}`;
    it(title, async () => {
      const before = await snapshot(server, world);
      writes.reset();
      const response = await send(server, row, ids, world, member);
      const written = writes.writes;

      expect(response.status, JSON.stringify(response.body)).to.equal(row.status);
      const error = response.body.error;
      expect(error.code).to.equal(row.code);
      expect(error.type).to.equal(TYPE_BY_STATUS[row.status]);
      const named = [...new Set(error.details.map((detail: { field: string }) => detail.field))];
      expect(named, 'the offending fields').to.have.members([...row.fields]);
      for (const detail of error.details) {
        expect(detail.message, `a reason for ${detail.field}`).to.be.a('string').and.not.equal('');
        if (row.rule !== undefined) expect(detail.rule, detail.field).to.equal(row.rule);
      }
      expect(error.message).to.be.a('string').with.length.above(10);
      if (row.message !== undefined) expect(error.message).to.match(row.message);
      if (row.code === 'validation_failed') for (const field of row.fields) expect(error.message, 'the message names every field').to.include(field);

      expect(written, 'store writes').to.deep.equal([]);
      expect(await snapshot(server, world), 'what the workspace can read is unchanged').to.deep.equal(before);
    });
  }

  it('frees an Idempotency-Key when its request fails, so the corrected request can use it', async () => {
    const headers = { 'Idempotency-Key': 'enroll-with-foreign-customer' };
    const path = `/programInstances/${world.instanceId}/enrollments`;
    const refused = await server.post(path, { key: world.key, headers, body: { identificationType: 'customerId', customerId: ids.foreignCustomerId } });
    expect([refused.status, refused.body.error.code]).to.deep.equal([422, 'invalid_input']);
    const corrected = await server.post(path, { key: world.key, headers, body: { ...SUZIE, serialNumber: 'SN-idempotent-retry' } });
    expect(corrected.status).to.equal(201);
    expect(corrected.headers.get('idempotent-replayed')).to.equal(null);
    const replayed = await server.post(path, { key: world.key, headers, body: { ...SUZIE, serialNumber: 'SN-idempotent-retry' } });
    expect([replayed.status, replayed.body, replayed.headers.get('idempotent-replayed')]).to.deep.equal([201, corrected.body, 'true']);
    const reused = await server.post(path, { key: world.key, headers, body: { identificationType: 'customerId', customerId: ids.foreignCustomerId } });
    expect([reused.status, reused.body.error.code]).to.deep.equal([409, 'idempotency_key_reused']);
  });
});
