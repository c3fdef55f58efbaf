import { expect } from 'chai';
import { ALL_ROUTES } from '@flexroll/api';
import { rawRequest } from '../support/rawRequest.js';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from '../support/fixtures.js';
import { describeOnEachStore } from '../support/stores.js';
import { buildWorld, type World } from '../support/World.js';
import { signedInMember, type SignedInMember } from '../support/members.js';
import { TIME_LIMIT_MS } from './budget.js';
import { EVIL_KEYS } from './generate.js';
import { errorLines, prototypeSnapshot } from './sendAll.js';
import { Tally } from './Tally.js';

/** The names that reach Object.prototype when a program looks a key up or assigns it on a plain object. */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];

/** A JSON text of `body` with `name` set to `value` at `path` (a key `__proto__` included, as data). */
function withKey(body: unknown, path: readonly string[], name: string, value: unknown): string {
  const marker = '"__ADVERSARIAL_KEY__"';
  const copy = structuredClone(body) as Record<string, unknown>;
  let target = copy;
  for (const step of path) target = (target[step] ??= {}) as Record<string, unknown>;
  target.__ADVERSARIAL_KEY__ = value;
  return JSON.stringify(copy).replace(marker, JSON.stringify(name));
}

describeOnEachStore('Adversarial: prototype-pollution names everywhere a key or a name is read', (store) => {
  let server: TestServer;
  let world: World;
  let member: SignedInMember;
  let tally: Tally;
  before(async function () {
    this.timeout(120_000);
    server = await TestServer.start(store, { rateLimitPerMinute: 10_000_000 });
    world = await buildWorld(server, 'Leap Energy');
    member = await signedInMember(server, world.workspaceId, 'admin');
    tally = new Tally(`prototype-pollution [${store.name} store]`);
  });
  after(async () => {
    tally?.print();
    await server?.stop();
  });
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  const send = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const response = await rawRequest(server.base, method, path, {
      // A member's cookie, when given, is the credential (the session's own routes take no key).
      headers: { ...(headers.cookie === undefined ? { authorization: `Bearer ${world.key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body }),
    });
    tally.record(`${method} ${path} ${body?.slice(0, 120) ?? ''}`, response);
    server.contract.check(method, path, response.status, response.json);
    return response;
  };
  const pathOf = (template: string) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => ({
      instanceId: world.instanceId, enrollmentId: world.enrollmentId, participation_id: world.participationId, keyId: world.keyId, programId: world.programId,
      itemId: world.itemId, mailId: world.mailId, endpointId: world.endpointId, messageId: world.messageId, deadlineId: world.deadlineId, version: '1', jobId: 'cnotanidanywhere000000002',
    })[name] ?? 'x');

  it('refuses them as keys of every body (top level), and never lets one through to the prototype', async function () {
    this.timeout(TIME_LIMIT_MS);
    const before = prototypeSnapshot();
    for (const route of ALL_ROUTES.filter((candidate) => candidate.body !== undefined)) {
      for (const name of EVIL_KEYS) {
        const answer = await send(route.method.toUpperCase(), pathOf(route.path), withKey({}, [], name, { isAdmin: true }), route.permission === 'platform_admin' ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {});
        expect(answer.status, `${route.operationId} ${JSON.stringify(name)}`).to.be.within(400, 499);
      }
    }
    expect(prototypeSnapshot()).to.equal(before);
    expect(tally.failures).to.deep.equal([]);
  });

  it('keeps them as data inside metadata (all but __proto__, refused by name), and as adapter config or event payload keys refuses or ignores them', async function () {
    this.timeout(TIME_LIMIT_MS);
    const path = `/programInstances/${world.instanceId}/enrollments`;
    for (const [index, name] of PROTOTYPE_NAMES.entries()) {
      const body = withKey({ ...SUZIE, serialNumber: `SN-proto-${index}` }, ['metadata'], name, { polluted: true });
      const created = await send('POST', path, body);
      if (name === '__proto__') {
        expect([created.status, created.json.error.details[0].field]).to.deep.equal([400, '/metadata/__proto__']);
        continue;
      }
      expect(created.status, name).to.equal(201);
      const read = await send('GET', `/enrollments/${created.json.id}`);
      expect(Object.getOwnPropertyDescriptor(read.json.metadata, name)?.value, `${name} kept as sent`).to.deep.equal({ polluted: true });
      const patched = await send('PATCH', `/enrollments/${created.json.id}`, withKey({}, ['metadata'], name, [1, 2]));
      expect(patched.status, `PATCH metadata.${name}`).to.equal(200);
      for (const nested of [['adapter', 'config'], ['payload']] as const) {
        const route = nested[0] === 'adapter' ? `/programInstances/${world.instanceId}` : `/programInstances/${world.instanceId}/operator-events`;
        const base = nested[0] === 'adapter' ? { adapter: { adapterId: 'manual', config: {} } } : { type: 'participation.trigger', participation_id: world.participationId, payload: { trigger: 'consent_requested' } };
        const answer = await send(nested[0] === 'adapter' ? 'PATCH' : 'POST', route, withKey(base, nested, name, { polluted: true }));
        expect(answer.status, `${nested.join('.')}.${name}`).to.be.below(500);
      }
    }
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('refuses them as query parameters, path ids and the names of types, triggers, states, permissions and versions', async function () {
    this.timeout(TIME_LIMIT_MS);
    for (const route of ALL_ROUTES.filter((candidate) => candidate.method === 'get')) {
      for (const name of PROTOTYPE_NAMES) {
        const answer = await send('GET', `${pathOf(route.path)}?${encodeURIComponent(name)}=1`, undefined, route.permission === 'session' ? member.read : {});
        expect([answer.status, answer.json?.error?.details?.[0]?.field], `${route.operationId} ?${name}`).to.deep.equal([400, `/query/${name}`]);
      }
    }
    for (const route of ALL_ROUTES.filter((candidate) => candidate.path.includes('{'))) {
      for (const name of PROTOTYPE_NAMES) {
        const path = route.path.replace(/\{\w+\}/, name).replace(/\{(\w+)\}/g, 'x');
        const answer = await send(route.method.toUpperCase(), path, route.body === undefined ? undefined : '{}', route.permission === 'platform_admin' ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {});
        expect(answer.status, `${route.operationId} with ${name} as an id`).to.be.within(400, 404);
      }
    }
    const participation = `/vpp-participations/${world.participationId}`;
    for (const name of PROTOTYPE_NAMES) {
      const named = [
        await send('POST', `${participation}/triggers`, JSON.stringify({ trigger: name })),
        await send('POST', `${participation}/triggers`, JSON.stringify({ trigger: 'suspension_raised', suspension_reason: name })),
        await send('POST', participation, JSON.stringify({ participation_state: [{ state: name }] })),
        await send('POST', `/programInstances/${world.instanceId}/enrollments`, JSON.stringify({ identificationType: name, firstName: 'S' })),
        await send('POST', '/api-keys', JSON.stringify({ name: 'k', mode: name, permissions: [name] })),
        await send('GET', `/events?type=${encodeURIComponent(name)}`),
        await send('GET', `/programInstances/${world.instanceId}/enrollments?status=${encodeURIComponent(name)}`),
        await send('PATCH', `/programInstances/${world.instanceId}`, JSON.stringify({ adapter: { adapterId: name, config: {} } })),
        await send('GET', '/programs', undefined, { 'flexroll-version': name }),
      ];
      for (const answer of named) expect(answer.status, `${name}: ${answer.text.slice(0, 200)}`).to.be.within(400, 499);
    }
  });

  it('takes an Idempotency-Key named __proto__ or constructor as the ordinary key it is', async () => {
    const program = { ...COMMUNITY_POWERSHARE, name: 'Idempotent prototype names' };
    for (const key of ['__proto__', 'constructor']) {
      const first = await send('POST', '/leads', JSON.stringify({ firstName: key }), { 'idempotency-key': key });
      const again = await send('POST', '/leads', JSON.stringify({ firstName: key }), { 'idempotency-key': key });
      expect([first.status, again.status, again.headers['idempotent-replayed'], again.json.id]).to.deep.equal([201, 201, 'true', first.json.id]);
    }
    const admin = await send('POST', '/programs', JSON.stringify(program), { authorization: `Bearer ${ADMIN_TOKEN}`, 'idempotency-key': 'toString' });
    expect(admin.status).to.equal(201);
    expect(errorLines(server)).to.deep.equal([]);
  });
});
