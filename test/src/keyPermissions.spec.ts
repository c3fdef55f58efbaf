import { expect } from 'chai';
import { API_KEY_PERMISSIONS, ApiKeyService, WorkspaceService } from '@flexroll/core';
import { TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';

describeOnEachStore('API keys cannot escalate: a key grants and revokes only what it holds itself', (store) => {
  let server: TestServer;
  let workspaceId: string;
  let secret: string;
  before(async () => {
    server = await TestServer.start(store, { rateLimitPerMinute: 100_000 });
    ({ workspaceId, key: secret } = await server.workspace('Leap Energy'));
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  /** A key of this workspace made by the platform's operators (the CLI), which no rule binds. */
  async function keyWith(permissions: (typeof API_KEY_PERMISSIONS)[number][], mode: 'live' | 'test' = 'live'): Promise<{ id: string; secret: string }> {
    const issued = await server.container.get(ApiKeyService).create(workspaceId, { name: 'made by an operator', type: 'scoped', mode, permissions });
    return { id: issued.key.id, secret: issued.secret };
  }

  it('refuses a manage-only key granting any permission it lacks, naming each one, and makes no key', async () => {
    const manager = await keyWith(['api_keys:manage']);
    const before = (await server.get('/api-keys', { key: secret })).body.data.length;
    const escalation = await server.post('/api-keys', { key: manager.secret, body: { name: 'everything', mode: 'live', permissions: [...API_KEY_PERMISSIONS] } });
    expect([escalation.status, escalation.body.error.type, escalation.body.error.code]).to.deep.equal([403, 'permission', 'permission_not_held']);
    const lacking = API_KEY_PERMISSIONS.flatMap((permission, index) => (permission === 'api_keys:manage' ? [] : [`/permissions/${index}`]));
    expect(escalation.body.error.details.map((detail: { field: string }) => detail.field)).to.have.members(lacking);
    for (const permission of API_KEY_PERMISSIONS.filter((p) => p !== 'api_keys:manage')) {
      const single = await server.post('/api-keys', { key: manager.secret, body: { name: 'one more', mode: 'live', permissions: [permission] } });
      expect([single.status, single.body.error.code], permission).to.deep.equal([403, 'permission_not_held']);
    }
    expect((await server.get('/api-keys', { key: secret })).body.data).to.have.length(before);
  });

  it('lets a key grant what it holds, and only in its own mode', async () => {
    const manager = await keyWith(['api_keys:manage', 'enrollments:read', 'events:read']);
    const granted = await server.post('/api-keys', { key: manager.secret, body: { name: 'reader', mode: 'live', permissions: ['enrollments:read', 'events:read'] } });
    expect([granted.status, granted.body.permissions]).to.deep.equal([201, ['enrollments:read', 'events:read']]);
    const testManager = await keyWith(['api_keys:manage', 'enrollments:read'], 'test');
    const live = await server.post('/api-keys', { key: testManager.secret, body: { name: 'live reader', mode: 'live', permissions: ['enrollments:read'] } });
    expect([live.status, live.body.error.code, live.body.error.details[0].field]).to.deep.equal([403, 'mode_not_held', '/mode']);
    const test = await server.post('/api-keys', { key: testManager.secret, body: { name: 'test reader', mode: 'test', permissions: ['enrollments:read'] } });
    expect([test.status, test.body.mode]).to.deep.equal([201, 'test']);
    const liveFromSecret = await server.post('/api-keys', { key: secret, body: { name: 'from the secret key', mode: 'live', permissions: [...API_KEY_PERMISSIONS] } });
    expect(liveFromSecret.status, 'a secret key holds every permission').to.equal(201);
  });

  it('lets only a secret key revoke a secret key, and a scoped key revoke only keys it could have made', async () => {
    const manager = await keyWith(['api_keys:manage', 'enrollments:read']);
    const workspaceSecret = (await server.container.get(ApiKeyService).create(workspaceId, { name: 'second secret', type: 'secret', mode: 'live' })).key;
    const onSecret = await server.delete(`/api-keys/${workspaceSecret.id}`, { key: manager.secret });
    expect([onSecret.status, onSecret.body.error.code]).to.deep.equal([403, 'secret_key_required']);
    const stronger = await keyWith(['enrollments:read', 'events:read']);
    const onStronger = await server.delete(`/api-keys/${stronger.id}`, { key: manager.secret });
    expect([onStronger.status, onStronger.body.error.code]).to.deep.equal([403, 'permission_not_held']);
    const otherMode = await keyWith(['enrollments:read'], 'test');
    expect((await server.delete(`/api-keys/${otherMode.id}`, { key: manager.secret })).status, 'another mode').to.equal(403);
    const weaker = await keyWith(['enrollments:read']);
    expect((await server.delete(`/api-keys/${weaker.id}`, { key: manager.secret })).status).to.equal(200);
    expect((await server.get('/enrollments/cnotanidanywhere000000001', { key: weaker.secret })).status, 'revoked').to.equal(401);
    expect((await server.delete(`/api-keys/${workspaceSecret.id}`, { key: secret })).status, 'a secret key revokes a secret key').to.equal(200);
    expect((await server.delete(`/api-keys/${manager.id}`, { key: manager.secret })).status, 'any key may revoke itself').to.equal(200);
  });

  it('keeps the rules per workspace: another workspace’s key is a 404, whatever the caller holds', async () => {
    const other = await server.container.get(WorkspaceService).create('Other Utility');
    const foreign = (await server.container.get(ApiKeyService).create(other.id, { name: 'theirs', type: 'scoped', mode: 'live', permissions: ['enrollments:read'] })).key;
    expect((await server.delete(`/api-keys/${foreign.id}`, { key: secret })).status).to.equal(404);
  });
});
