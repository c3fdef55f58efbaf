import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { resolvePort, SecretBox, STORE_TOKENS } from '@flexroll/core';
import { ADMIN_TOKEN, TEST_SECRET_KEY, TestServer } from './support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from './support/fixtures.js';
import { describeOnEachStore } from './support/stores.js';

const acme = path.join(path.dirname(fileURLToPath(import.meta.url)), 'adapters/fixtures/acmeAdapter.js');
const SECRET = 'acme-live-token-7f3a9c';

describeOnEachStore('Adapters through the HTTP API: config, secrets, operator events, messages', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { adapters: ['@flexroll/plugin-manual', acme] });
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations).to.deep.equal([]));

  async function acmeInstance(key: string) {
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    return server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Acme 2025', adapter: { adapterId: 'acme-vpp', config: { apiToken: SECRET, region: 'eu' } } } });
  }

  it('validates the config against the adapter’s schema, field by field, and writes nothing when it fails', async () => {
    const { key } = await server.workspace('Acme Utility');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const refused = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Acme', adapter: { adapterId: 'acme-vpp', config: { region: 'asia' } } } });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.details.map((d: { field: string }) => d.field)).to.have.members(['/adapter/config/apiToken', '/adapter/config/region']);
    const unknown = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Acme', adapter: { adapterId: 'kraken', config: {} } } });
    expect([unknown.status, unknown.body.error.details[0].field]).to.deep.equal([422, '/adapter/adapterId']);
    expect((await server.get('/programInstances', { key })).body.totalItems).to.equal(0);
  });

  it('stores a secret config value encrypted, and never returns or logs it', async () => {
    const { key, workspaceId } = await server.workspace('Acme Utility');
    const created = await acmeInstance(key);
    expect(created.status).to.equal(201);
    expect(created.body.adapter.config).to.deep.equal({ apiToken: '********', region: 'eu' });
    const read = await server.get(`/programInstances/${created.body.id}`, { key });
    expect(read.body.adapter.config.apiToken).to.equal('********');
    expect(server.logLines.join('\n')).to.not.contain(SECRET);

    const stored = await resolvePort(server.container, STORE_TOKENS.programInstances).get(workspaceId, created.body.id);
    const sealed = stored!.adapter.config.apiToken as string;
    expect(sealed, 'stored encrypted').to.match(/^enc:v1:/).and.not.contain(SECRET);
    expect(SecretBox.fromBase64(TEST_SECRET_KEY).open(sealed)).to.equal(SECRET);

    const patched = await server.patch(`/programInstances/${created.body.id}`, { key, body: { adapter: { adapterId: 'acme-vpp', config: { ...read.body.adapter.config, region: 'us' } } } });
    expect(patched.body.adapter.config).to.deep.equal({ apiToken: '********', region: 'us' });
    const kept = await resolvePort(server.container, STORE_TOKENS.programInstances).get(workspaceId, created.body.id);
    expect(SecretBox.fromBase64(TEST_SECRET_KEY).open(kept!.adapter.config.apiToken as string), 'the masked value kept the stored secret').to.equal(SECRET);
  });

  it('accepts an operator event, validates it against the adapter’s schema, and maps it to a trigger and a native state', async () => {
    const { key } = await server.workspace('Acme Utility');
    const instance = await acmeInstance(key);
    const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE });
    const participationId = enrollment.body.participationId;
    const path = `/programInstances/${instance.body.id}/operator-events`;

    const badPayload = await server.post(path, { key, body: { type: 'device.onboarding', participation_id: participationId, payload: { status: 'RETIRED' } } });
    expect([badPayload.status, badPayload.body.error.details[0].field]).to.deep.equal([422, '/payload/status']);
    const badType = await server.post(path, { key, body: { type: 'device.retired', participation_id: participationId, payload: {} } });
    expect([badType.status, badType.body.error.message]).to.deep.equal([422, "Adapter 'acme-vpp' accepts no 'device.retired' events; it accepts: device.onboarding"]);

    const moved = await server.post(path, { key, body: { type: 'device.onboarding', participation_id: participationId, payload: { status: 'ONBOARDING' } } });
    expect(moved.status).to.equal(200);
    expect(moved.body.current_state).to.equal('AWAITING_CONSENT');
    expect(moved.body.participation_state.find((entry: { state: string }) => entry.state === 'AWAITING_CONSENT').description).to.equal('Acme needs your go-ahead to manage your battery.');

    const scoped = await server.post('/api-keys', { key, body: { name: 'reader', mode: 'live', permissions: ['enrollments:read'] } });
    const forbidden = await server.post(path, { key: scoped.body.secret, body: { type: 'device.onboarding', participation_id: participationId, payload: { status: 'LIVE' } } });
    expect([forbidden.status, forbidden.body.error.code]).to.deep.equal([403, 'missing_permission']);
  });
});
