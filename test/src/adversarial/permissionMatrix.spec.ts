import { expect } from 'chai';
import { ALL_ROUTES } from '@flexroll/api';
import { API_KEY_PERMISSIONS, ApiKeyService, MEMBER_ROLES, permissionsOfRole, type ApiKeyPermission } from '@flexroll/core';
import type { RouteDefinition } from '@flexroll/api';
import { rawRequest } from '../support/rawRequest.js';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { buildWorld, type World } from '../support/World.js';
import { TIME_LIMIT_MS } from './budget.js';
import { baseBody } from './generate.js';
import { Tally } from './Tally.js';
import { signedInMember, signIn, type SignedInMember } from '../support/members.js';

describeOnEachStore('Adversarial: the permission matrix — every route × every kind of caller, and every grant', (store) => {
  let server: TestServer;
  let world: World;
  let tally: Tally;
  const keys = new Map<string, { id: string; secret: string }>();
  before(async function () {
    this.timeout(120_000);
    server = await TestServer.start(store, { rateLimitPerMinute: 10_000_000 });
    world = await buildWorld(server, 'Leap Energy');
    const service = server.container.get(ApiKeyService);
    for (const permission of API_KEY_PERMISSIONS) {
      for (const withManage of [false, true]) {
        const permissions: ApiKeyPermission[] = withManage && permission !== 'api_keys:manage' ? [permission, 'api_keys:manage'] : [permission];
        const issued = await service.create(world.workspaceId, { name: permissions.join('+'), type: 'scoped', mode: 'live', permissions });
        keys.set(permissions.join('+'), { id: issued.key.id, secret: issued.secret });
      }
    }
    tally = new Tally(`permission matrix [${store.name} store]`);
  });
  after(async () => {
    tally?.print();
    await server?.stop();
  });
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  /** A request with an API key (`bearer`), a member's session (its cookie and CSRF token), or no credentials. */
  const send = async (method: string, path: string, bearer: string | SignedInMember | undefined, body?: unknown) => {
    const credentials = bearer === undefined ? {} : typeof bearer === 'string' ? { authorization: `Bearer ${bearer}` } : bearer.write;
    const response = await rawRequest(server.base, method, path, {
      headers: { ...credentials, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    tally.record(`${method} ${path}`, response);
    server.contract.check(method, path, response.status, response.json);
    return response;
  };

  /** The request the matrix sends to a route: ids that name nothing (or the world's program and instance), and a body it accepts. */
  const requestFor = (route: RouteDefinition) => {
    const ids: Record<string, string> = {
      programId: world.programId, instanceId: world.instanceId, enrollmentId: 'cnotanidanywhere000000001', participation_id: 'vpo_000000000000000000000000',
      keyId: 'key_000000000000000000000000', memberId: 'mem_000000000000000000000000',
    };
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x');
    const base = route.body === undefined ? undefined : baseBody(route, { ids, foreignIds: {}, key: '', foreignKey: '', adminToken: '' }, 7);
    // A key made by a key holding only api_keys:manage may hold only that.
    const body = route.operationId === 'createApiKey' ? { ...(base as object), permissions: ['api_keys:manage'] } : base;
    return { method: route.method.toUpperCase(), path, body };
  };

  it('lets through exactly the callers holding a route’s permission: 401 without a key, 403 naming what is missing', async function () {
    this.timeout(TIME_LIMIT_MS);
    for (const route of ALL_ROUTES) {
      const { method, path, body } = requestFor(route);
      if (route.permission === 'public') {
        const answer = await send(method, path, undefined, body);
        expect(answer.json?.error?.code, `${route.operationId} needs no credentials`).to.not.be.oneOf(['missing_credentials', 'missing_permission']);
        continue;
      }
      expect((await send(method, path, undefined, body)).status, `${route.operationId} without a key`).to.equal(401);
      const admin = await send(method, path, ADMIN_TOKEN, body);
      const workspaceSecret = await send(method, path, world.key, body);
      if (route.permission === 'platform_admin') {
        expect(admin.status, `${route.operationId} as administrator`).to.be.within(200, 299);
        expect([workspaceSecret.status, workspaceSecret.json.error.code]).to.deep.equal([403, 'platform_admin_required']);
        continue;
      }
      expect(admin.status, `${route.operationId}: the administrator token is not an API key`).to.equal(401);
      if (route.permission === 'session') {
        expect([workspaceSecret.status, workspaceSecret.json.error.code], `${route.operationId} with a key`).to.deep.equal([403, 'session_required']);
        continue;
      }
      expect(workspaceSecret.status, `${route.operationId} with the secret key`).to.not.be.oneOf([401, 403]);
      for (const permission of API_KEY_PERMISSIONS) {
        const answer = await send(method, path, keys.get(permission)!.secret, body);
        // A key holding only members:manage is let through, then may grant no role: every role holds permissions it lacks.
        if (permission === route.permission && route.operationId === 'inviteMember') expect(answer.json.error.code, `${route.operationId} holding ${permission}`).to.equal('permission_not_held');
        else if (permission === route.permission) expect(answer.status, `${route.operationId} holding ${permission}`).to.not.be.oneOf([401, 403]);
        else expect([answer.status, answer.json.error.code], `${route.operationId} holding only ${permission}`).to.deep.equal([403, 'missing_permission']);
      }
    }
    expect(tally.failures).to.deep.equal([]);
  });

  it('holds a key limited to program instances to them: workspace-wide creations refused, grants and revocations only within its instances', async function () {
    this.timeout(TIME_LIMIT_MS);
    const second = await send('POST', '/programInstances', world.key, { programId: world.programId, name: 'Partner instance' });
    const service = server.container.get(ApiKeyService);
    const limitedTo = async (permissions: ApiKeyPermission[], programInstanceIds: string[]) =>
      (await service.create(world.workspaceId, { name: `limited ${permissions.join('+')}`, type: 'scoped', mode: 'live', permissions, programInstanceIds })).secret;
    // Routes that act on the workspace as a whole, for a limited key holding each one's permission.
    const workspaceWide = ALL_ROUTES.filter((route) => ['createProgramInstance', 'createCustomer', 'createLead'].includes(route.operationId));
    for (const route of workspaceWide) {
      const secret = await limitedTo([route.permission as ApiKeyPermission], [world.instanceId]);
      const body = baseBody(route, { ids: { programId: world.programId }, foreignIds: {}, key: '', foreignKey: '', adminToken: '' }, 9);
      const answer = await send('POST', route.path, secret, body);
      expect([answer.status, answer.json.error.code], `${route.operationId} by a key limited to an instance`).to.deep.equal([403, 'instance_scope_exceeded']);
    }
    const manager = await limitedTo(['api_keys:manage', 'enrollments:read'], [world.instanceId]);
    const grants: Array<[string, unknown, number, string?]> = [
      ['its own instance', [world.instanceId], 201],
      ['the whole workspace', undefined, 403, 'instance_scope_not_held'],
      ['another instance', [second.json.id], 403, 'instance_scope_not_held'],
      ['its own and another', [world.instanceId, second.json.id], 403, 'instance_scope_not_held'],
    ];
    for (const [what, programInstanceIds, status, code] of grants) {
      const answer = await send('POST', '/api-keys', manager, { name: what, mode: 'live', permissions: ['enrollments:read'], ...(programInstanceIds === undefined ? {} : { programInstanceIds }) });
      expect([answer.status, answer.json.error?.code], `a limited manager grants ${what}`).to.deep.equal([status, code]);
    }
    // A key it could not list is one it cannot name: the whole-workspace reader is an unknown id to it.
    const listed = await send('GET', '/api-keys', manager);
    expect(listed.json.data.every((key: { programInstanceIds?: string[] }) => key.programInstanceIds?.every((id) => id === world.instanceId)), 'lists only keys within its instances').to.equal(true);
    const wider = keys.get('enrollments:read')!;
    const revoke = await send('DELETE', `/api-keys/${wider.id}`, manager);
    const unknown = await send('DELETE', '/api-keys/key_000000000000000000000000', manager);
    expect([revoke.status, revoke.json.error.code, revoke.json.error.message.replace(wider.id, '<id>')]).to.deep.equal([404, unknown.json.error.code, unknown.json.error.message.replace('key_000000000000000000000000', '<id>')]);
  });

  it('holds a member limited to program instances to them: workspace-wide creations refused, members and keys granted and managed only within its instances', async function () {
    this.timeout(TIME_LIMIT_MS);
    const second = await send('POST', '/programInstances', world.key, { programId: world.programId, name: 'Member partner instance' });
    const admin = await signedInMember(server, world.workspaceId, 'admin', undefined, [world.instanceId]);
    for (const route of ALL_ROUTES.filter((candidate) => ['createProgramInstance', 'createCustomer', 'createLead'].includes(candidate.operationId))) {
      const body = baseBody(route, { ids: { programId: world.programId }, foreignIds: {}, key: '', foreignKey: '', adminToken: '' }, 11);
      const answer = await send('POST', route.path, admin, body);
      expect([answer.status, answer.json.error.code], `${route.operationId} by an admin limited to an instance`).to.deep.equal([403, 'instance_scope_exceeded']);
    }
    const grants: Array<[string, unknown, number, string?]> = [
      ['its own instance', [world.instanceId], 201],
      ['the whole workspace', undefined, 403, 'instance_scope_not_held'],
      ['another instance', [second.json.id], 403, 'instance_scope_not_held'],
      ['its own and another', [world.instanceId, second.json.id], 403, 'instance_scope_not_held'],
    ];
    const invited: string[] = [];
    for (const [index, [what, programInstanceIds, status, code]] of grants.entries()) {
      const scope = programInstanceIds === undefined ? {} : { programInstanceIds };
      const member = await send('POST', '/members', admin, { email: `limited.grant.${index}@example.com`, role: 'viewer', ...scope });
      expect([member.status, member.json.error?.code], `a limited admin invites a member for ${what}`).to.deep.equal([status, code]);
      if (member.status === 201) invited.push(member.json.member.id);
      const key = await send('POST', '/api-keys', admin, { name: what, mode: 'live', permissions: ['enrollments:read'], ...scope });
      expect([key.status, key.json.error?.code], `a limited admin makes a key for ${what}`).to.deep.equal([status, code]);
    }
    const widen = await send('PATCH', `/members/${invited[0]}`, admin, { programInstanceIds: null });
    expect([widen.status, widen.json.error?.code], 'nor widens a member to the workspace').to.deep.equal([403, 'instance_scope_not_held']);
    const listed = await send('GET', '/members', admin);
    expect(listed.json.data.every((member: { programInstanceIds?: string[] }) => member.programInstanceIds?.every((id) => id === world.instanceId)), 'lists only members within its instances').to.equal(true);
    expect(listed.json.data.map((member: { id: string }) => member.id)).to.include.members([admin.memberId, ...invited]);
    // A whole-workspace member is, to it, an unknown id: on change and on removal.
    const wide = await signedInMember(server, world.workspaceId, 'viewer');
    for (const [method, body] of [['PATCH', { role: 'reviewer' }], ['DELETE', undefined]] as const) {
      const hidden = await send(method, `/members/${wide.memberId}`, admin, body);
      const unknown = await send(method, '/members/mem_000000000000000000000000', admin, body);
      expect([hidden.status, hidden.json.error.code, hidden.json.error.message.replace(wide.memberId, '<id>')], `${method} a broader member`)
        .to.deep.equal([404, unknown.json.error.code, unknown.json.error.message.replace('mem_000000000000000000000000', '<id>')]);
    }
  });

  it('lets a member through exactly the routes its role’s permissions open: viewer, reviewer, admin × every route', async function () {
    this.timeout(TIME_LIMIT_MS);
    for (const role of MEMBER_ROLES) {
      const held = permissionsOfRole(role) as readonly string[];
      let member = await signedInMember(server, world.workspaceId, role);
      for (const route of ALL_ROUTES.filter((candidate) => candidate.permission !== 'public')) {
        const { method, path, body } = requestFor(route);
        const answer = await send(method, path, member, body);
        const said = [answer.status, answer.json?.error?.code];
        if (route.permission === 'platform_admin') expect(said, `${role}: ${route.operationId} wants the administrator token`).to.deep.equal([401, 'missing_credentials']);
        else if (route.permission === 'session' || held.includes(route.permission)) {
          expect(answer.status, `${role}: ${route.operationId}`).to.not.equal(401);
          expect(answer.json?.error?.code, `${role}: ${route.operationId}`).to.not.be.oneOf(['missing_permission', 'csrf_token_invalid']);
        } else expect(said, `${role}: ${route.operationId} needs ${route.permission}`).to.deep.equal([403, 'missing_permission']);
        // Signing out ends the session the rest of the walk needs.
        if (route.operationId === 'signOut') member = await signIn(server, member.email);
      }
    }
    expect(tally.failures).to.deep.equal([]);
  });

  it('lets a manager key grant exactly the permissions it holds, in its own mode, and revoke exactly the keys it could make', async function () {
    this.timeout(TIME_LIMIT_MS);
    for (const held of API_KEY_PERMISSIONS.filter((permission) => permission !== 'api_keys:manage')) {
      const manager = keys.get(`${held}+api_keys:manage`)!;
      for (const wanted of API_KEY_PERMISSIONS) {
        const answer = await send('POST', '/api-keys', manager.secret, { name: `${held} grants ${wanted}`, mode: 'live', permissions: [wanted] });
        if (wanted === held || wanted === 'api_keys:manage') expect(answer.status, `${held} grants ${wanted}`).to.equal(201);
        else expect([answer.status, answer.json.error.code], `${held} grants ${wanted}`).to.deep.equal([403, 'permission_not_held']);
      }
      expect((await send('POST', '/api-keys', manager.secret, { name: 'test', mode: 'test', permissions: [held] })).json.error.code).to.equal('mode_not_held');
      for (const target of API_KEY_PERMISSIONS.filter((permission) => permission !== held && permission !== 'api_keys:manage')) {
        const answer = await send('DELETE', `/api-keys/${keys.get(target)!.id}`, manager.secret);
        expect([answer.status, answer.json.error.code], `${held} revokes a ${target} key`).to.deep.equal([403, 'permission_not_held']);
      }
    }
    expect(tally.failures).to.deep.equal([]);
  });
});
