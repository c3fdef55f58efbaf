import { expect } from 'chai';
import { ALL_ROUTES, type RouteDefinition } from '@flexroll/api';
import { rawRequest, type RawResponse } from '../support/rawRequest.js';
import { TestServer } from '../support/TestServer.js';
import { SUZIE } from '../support/fixtures.js';
import { describeOnEachStore } from '../support/stores.js';
import { ApiKeyService } from '@flexroll/core';
import { buildWorld, snapshotWorld, type World } from '../support/World.js';
import { TIME_LIMIT_MS } from './budget.js';
import { baseBody, type Fixtures } from './generate.js';
import { Tally } from './Tally.js';
import { signedInMember, type SignedInMember } from '../support/members.js';
import { API_KEY_PERMISSIONS, MEMBER_ROLES, permissionsOfRole } from '@flexroll/core';

/** Ids of each kind's shape that name nothing anywhere. */
const UNKNOWN: Readonly<Record<string, string>> = {
  programId: 'vpr_000000000000000000000000',
  instanceId: 'cnotanidanywhere000000000',
  enrollmentId: 'cnotanidanywhere000000001',
  participation_id: 'vpo_000000000000000000000000',
  keyId: 'key_000000000000000000000000',
  customerId: 'cnotanidanywhere000000002',
  leadId: 'cnotanidanywhere000000003',
  itemId: 'obx_000000000000000000000000',
  mailId: 'mail_000000000000000000000000',
  endpointId: 'whe_000000000000000000000000',
  messageId: 'msg_000000000000000000000000',
  version: '1',
  jobId: 'cnotanidanywhere000000004',
  deadlineId: 'dl_000000000000000000000000',
  memberId: 'mem_000000000000000000000000',
};

const idsOf = (world: World, extra: Record<string, string>) => ({
  programId: world.programId, instanceId: world.instanceId, enrollmentId: world.enrollmentId, participation_id: world.participationId, keyId: world.keyId,
  itemId: world.itemId, mailId: world.mailId, endpointId: world.endpointId, messageId: world.messageId, deadlineId: world.deadlineId, memberId: world.memberId, version: '1', ...extra,
});

/** An error with what must differ between two requests taken out: its request id and the id it names. */
function normalised(response: RawResponse, id: string): unknown {
  const error = (response.json as { error?: Record<string, unknown> } | undefined)?.error;
  const message = typeof error?.message === 'string' ? error.message : '';
  return { status: response.status, ...error, requestId: '-', message: message.replaceAll(id, '<id>') };
}

describeOnEachStore('Adversarial: the tenant matrix — another workspace’s ids, anywhere, behave exactly like unknown ones', (store) => {
  let server: TestServer;
  let own: World;
  let other: World;
  /** The instance dimension (issue 24): a second instance of `own`'s workspace, and a key limited to it. */
  let partner: World;
  let ownIds: Record<string, string>;
  let otherIds: Record<string, string>;
  let partnerIds: Record<string, string>;
  let tally: Tally;
  before(async function () {
    this.timeout(120_000);
    server = await TestServer.start(store, { rateLimitPerMinute: 10_000_000 });
    own = await buildWorld(server, 'Leap Energy');
    other = await buildWorld(server, 'Other Utility');
    const person = async (world: World, kind: 'customers' | 'leads') =>
      (await server.post(`/${kind}`, { key: world.key, body: { firstName: 'Olga', lastName: 'Other', email: 'olga@example.org' } })).body.id as string;
    // A job stays queued here (no worker runs): it is only looked up.
    const job = async (world: World) => (await server.post(`/programInstances/${world.instanceId}/bulk-actions`, { key: world.key, body: { action: 'evaluate' } })).body.id as string;
    ownIds = idsOf(own, { customerId: await person(own, 'customers'), leadId: await person(own, 'leads'), jobId: await job(own) });
    otherIds = idsOf(other, { customerId: await person(other, 'customers'), leadId: await person(other, 'leads'), jobId: await job(other) });
    const built = await buildWorld(server, 'Partner Installer', own);
    // A secret key (every permission) limited to the partner's instance, as `flexroll key create --instances` makes it.
    const limited = await server.container.get(ApiKeyService).create(own.workspaceId, { name: 'partner', type: 'secret', mode: 'live', programInstanceIds: [built.instanceId] });
    partner = { ...built, key: limited.secret };
    partnerIds = idsOf(partner, { customerId: UNKNOWN.customerId!, leadId: UNKNOWN.leadId!, jobId: await job(built) });
    tally = new Tally(`tenant matrix [${store.name} store]`);
  });
  after(async () => {
    tally?.print();
    await server?.stop();
  });
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  /** A request as a caller: an API key (the world's own), or a member's session (its cookie and CSRF token). */
  const call = async (caller: World | SignedInMember, method: string, path: string, body?: unknown) => {
    // An upload route takes a file, not JSON: a one-row CSV, so that only the id decides the answer.
    const upload = ALL_ROUTES.some((route) => route.upload !== undefined && route.method.toUpperCase() === method && new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path));
    const sent = upload ? { type: 'text/csv', text: 'referenceId,identificationType,firstName,lastName,email\nADV-1,customerInfo,Suzie,Homeowner,suzie.homeowner@example.com\n' }
      : body === undefined ? undefined : { type: 'application/json', text: JSON.stringify(body) };
    const response = await rawRequest(server.base, method, path, {
      headers: { ...('key' in caller ? { authorization: `Bearer ${caller.key}` } : caller.write), ...(sent === undefined ? {} : { 'content-type': sent.type }) },
      ...(sent === undefined ? {} : { body: sent.text }),
    });
    tally.record(`${method} ${path}`, response);
    server.contract.check(method, path, response.status, response.json);
    return response;
  };
  const fixturesFor = (ids: Record<string, string>): Fixtures => ({ ids, foreignIds: {}, key: '', foreignKey: '', adminToken: '' });
  const pathWith = (route: RouteDefinition, ids: Record<string, string>) => route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x');

  it('answers every route with an id of the other workspace exactly as with an unknown id, changing nothing there', async function () {
    this.timeout(TIME_LIMIT_MS);
    const before = await snapshotWorld(server, own);
    for (const route of ALL_ROUTES.filter((candidate) => candidate.path.includes('{') && candidate.permission !== 'platform_admin' && !candidate.path.startsWith('/programs/'))) {
      const param = /\{(\w+)\}/.exec(route.path)![1]!;
      const body = route.body === undefined ? undefined : baseBody(route, fixturesFor({ ...otherIds, [param]: ownIds[param]! }), 1);
      const foreign = await call(other, route.method.toUpperCase(), pathWith(route, { ...otherIds, [param]: ownIds[param]! }), body);
      const unknown = await call(other, route.method.toUpperCase(), pathWith(route, { ...otherIds, [param]: UNKNOWN[param]! }), body);
      expect(normalised(foreign, ownIds[param]!), route.operationId).to.deep.equal(normalised(unknown, UNKNOWN[param]!));
      expect(foreign.status, route.operationId).to.equal(404);
    }
    expect(await snapshotWorld(server, own), 'nothing of the first workspace changed').to.deep.equal(before);
  });

  /**
   * The instance dimension (issue 24), for any caller limited to the partner's instance (a key, a member in a role):
   * on every route with an id, another instance's id answers exactly as an unknown one — 404, or 403 where the caller
   * lacks the route's permission — and, inside its instance, it reads what is there.
   */
  const holdsToItsInstance = async (caller: World | SignedInMember, label: string, held: readonly string[]) => {
    // Every route is tried before the test fails, so one run names every route that lets the caller out.
    const escapes: string[] = [];
    for (const route of ALL_ROUTES.filter((candidate) => candidate.path.includes('{') && candidate.permission !== 'platform_admin' && !candidate.path.startsWith('/programs/'))) {
      const param = /\{(\w+)\}/.exec(route.path)![1]!;
      const body = route.body === undefined ? undefined : baseBody(route, fixturesFor({ ...partnerIds, [param]: ownIds[param]! }), 2);
      const outside = await call(caller, route.method.toUpperCase(), pathWith(route, { ...partnerIds, [param]: ownIds[param]! }), body);
      const unknown = await call(caller, route.method.toUpperCase(), pathWith(route, { ...partnerIds, [param]: UNKNOWN[param]! }), body);
      const permitted = held.includes(route.permission) || route.permission === 'session' || route.permission === 'public';
      const expected = permitted ? [404] : [403, 'missing_permission'];
      const same = JSON.stringify(normalised(outside, ownIds[param]!)) === JSON.stringify(normalised(unknown, UNKNOWN[param]!));
      const answered = permitted ? [outside.status] : [outside.status, outside.json?.error?.code];
      if (!same || JSON.stringify(answered) !== JSON.stringify(expected)) escapes.push(`${route.operationId} outside its instances: ${outside.status} (unknown id: ${unknown.status})`);
      if (!permitted || route.method !== 'get') continue;
      // Inside its instance the same caller reads (a write there would change the world the next routes use).
      const inside = await call(caller, 'GET', pathWith(route, partnerIds));
      if (JSON.stringify(normalised(inside, partnerIds[param]!)) === JSON.stringify(normalised(unknown, UNKNOWN[param]!))) escapes.push(`${route.operationId} inside its instance answers as an unknown id`);
    }
    expect(escapes, label).to.deep.equal([]);
  };

  it('answers a key limited to one program instance, on every route, with another instance’s ids exactly as with unknown ones, changing nothing', async function () {
    this.timeout(TIME_LIMIT_MS);
    const before = await snapshotWorld(server, own);
    await holdsToItsInstance(partner, 'a key limited to an instance', API_KEY_PERMISSIONS);
    expect(await snapshotWorld(server, own), 'nothing of the other instance changed').to.deep.equal(before);
  });

  it('answers a member limited to one program instance, in each role, with another instance’s ids exactly as with unknown ones, changing nothing', async function () {
    this.timeout(TIME_LIMIT_MS);
    // Signed in first: the members are themselves records of the workspace the snapshot holds.
    const members = await Promise.all(MEMBER_ROLES.map((role) => signedInMember(server, own.workspaceId, role, undefined, [partner.instanceId])));
    const before = await snapshotWorld(server, own);
    for (const [index, role] of MEMBER_ROLES.entries()) await holdsToItsInstance(members[index]!, `a ${role} limited to an instance`, permissionsOfRole(role));
    expect(await snapshotWorld(server, own), 'nothing of the other instance changed').to.deep.equal(before);
  });

  it('answers a member of the other workspace, in each role, exactly as an unknown id, or 403 where the role lacks the permission', async function () {
    this.timeout(TIME_LIMIT_MS);
    const before = await snapshotWorld(server, own);
    for (const role of MEMBER_ROLES) {
      const member = await signedInMember(server, other.workspaceId, role);
      const held = permissionsOfRole(role) as readonly string[];
      for (const route of ALL_ROUTES.filter((candidate) => candidate.path.includes('{') && candidate.permission !== 'platform_admin' && !candidate.path.startsWith('/programs/'))) {
        const param = /\{(\w+)\}/.exec(route.path)![1]!;
        const body = route.body === undefined ? undefined : baseBody(route, fixturesFor({ ...otherIds, [param]: ownIds[param]! }), 1);
        const foreign = await call(member, route.method.toUpperCase(), pathWith(route, { ...otherIds, [param]: ownIds[param]! }), body);
        const unknown = await call(member, route.method.toUpperCase(), pathWith(route, { ...otherIds, [param]: UNKNOWN[param]! }), body);
        expect(normalised(foreign, ownIds[param]!), `${role}: ${route.operationId}`).to.deep.equal(normalised(unknown, UNKNOWN[param]!));
        if (held.includes(route.permission)) expect(foreign.status, `${role}: ${route.operationId}`).to.equal(404);
        else expect([foreign.status, foreign.json.error.code], `${role}: ${route.operationId}`).to.deep.equal([403, 'missing_permission']);
      }
    }
    expect(await snapshotWorld(server, own), 'nothing of the first workspace changed').to.deep.equal(before);
  });

  it('treats references inside bodies and queries to the other workspace’s records exactly as unknown ones', async function () {
    this.timeout(TIME_LIMIT_MS);
    const before = await snapshotWorld(server, own);
    const enroll = `/programInstances/${other.instanceId}/enrollments`;
    const cases: Array<[string, string, (ids: Record<string, string>) => unknown, string]> = [
      ['POST', enroll, (ids) => ({ identificationType: 'customerId', customerId: ids.customerId }), 'customerId'],
      ['POST', enroll, (ids) => ({ identificationType: 'leadId', leadId: ids.leadId }), 'leadId'],
      ['POST', enroll, (ids) => ({ identificationType: 'enrollmentId', enrollmentId: ids.enrollmentId }), 'enrollmentId'],
      ['POST', `/programInstances/${other.instanceId}/operator-events`, (ids) => ({ type: 'participation.trigger', participation_id: ids.participation_id, payload: { trigger: 'consent_requested' } }), 'participation_id'],
    ];
    for (const [method, path, bodyOf, field] of cases) {
      const foreign = await call(other, method, path, bodyOf(ownIds));
      const unknown = await call(other, method, path, bodyOf(UNKNOWN));
      expect(normalised(foreign, ownIds[field]!), `${field} in a body`).to.deep.equal(normalised(unknown, UNKNOWN[field]!));
    }
    const events = await call(other, 'GET', `/events?enrollmentId=${own.enrollmentId}`);
    expect([events.status, events.json.totalItems], 'events filtered by a foreign enrollment').to.deep.equal([200, 0]);
    const listed = await call(other, 'GET', `/programInstances/${other.instanceId}/enrollments?referenceId=${SUZIE.referenceId}&perPage=100`);
    expect(listed.json.data.map((enrollment: { id: string }) => enrollment.id)).to.not.include(own.enrollmentId);
    expect(await snapshotWorld(server, own)).to.deep.equal(before);
  });

  it('keeps idempotency keys, device serial numbers and key names of one workspace away from the other', async () => {
    const serial = 'SN-shared-across-tenants';
    const headers = { 'content-type': 'application/json', 'idempotency-key': 'shared-across-tenants' };
    const mine = await rawRequest(server.base, 'POST', `/programInstances/${own.instanceId}/enrollments`, { headers: { ...headers, authorization: `Bearer ${own.key}` }, body: JSON.stringify({ ...SUZIE, serialNumber: serial }) });
    const theirs = await rawRequest(server.base, 'POST', `/programInstances/${other.instanceId}/enrollments`, { headers: { ...headers, authorization: `Bearer ${other.key}` }, body: JSON.stringify({ ...SUZIE, serialNumber: serial }) });
    for (const response of [mine, theirs]) tally.record('POST shared', response);
    expect([mine.status, theirs.status, theirs.headers['idempotent-replayed']]).to.deep.equal([201, 201, undefined]);
    expect(theirs.json.id).to.not.equal(mine.json.id);
  });
});
