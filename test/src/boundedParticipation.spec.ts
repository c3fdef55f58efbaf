import { expect } from 'chai';
import { PARTICIPATION_EPISODE_BOUND } from '@flexroll/sdk';
import { STORE_TOKENS, resolvePort } from '@flexroll/core';
import { buildWorld, type World } from './support/World.js';
import { TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';

/** Suspension episodes driven through the API: twice as many state changes as this, well past the bound. */
const FLAPS = 60;
const ENROLMENT = ['ENROLMENT_REQUESTED', 'AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED'];

describeOnEachStore('A participation with a long history', (store) => {
  let server: TestServer;
  let world: World;
  let changes = 0;
  before(async () => {
    server = await TestServer.start(store, { rateLimitPerMinute: 100_000 });
    world = await buildWorld(server, 'Flapping Energy');
    changes = await driveToActive(server, world);
    for (let flap = 0; flap < FLAPS; flap++) {
      for (const trigger of ['suspension_raised', 'suspension_cleared']) {
        const answer = await server.post(`/vpp-participations/${world.participationId}/triggers`, { key: world.key, body: { trigger, suspension_reason: 'OPERATOR_REQUEST' } });
        if (answer.status !== 200) throw new Error(`${trigger} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        changes++;
        server.clock.advance(60_000);
      }
    }
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it(`keeps every enrolment state once, in order, then the latest ${PARTICIPATION_EPISODE_BOUND} ACTIVE/SUSPENDED episodes, under 8 KB`, async () => {
    const read = await server.get(`/vpp-participations/${world.participationId}`, { key: world.key });
    expect(read.status).to.equal(200);
    const timeline: { state: string; status: string; occurred_at: string }[] = read.body.participation_state;
    expect(timeline.slice(0, ENROLMENT.length).map((entry) => entry.state)).to.deep.equal(ENROLMENT);
    const episodes = timeline.slice(ENROLMENT.length);
    expect(episodes).to.have.length(PARTICIPATION_EPISODE_BOUND);
    expect(episodes.map((entry) => entry.state)).to.deep.equal(Array.from({ length: PARTICIPATION_EPISODE_BOUND }, (_, n) => (n % 2 === 0 ? 'SUSPENDED' : 'ACTIVE')));
    expect(timeline.at(-1)).to.include({ state: 'ACTIVE', status: 'IN_PROGRESS' });
    expect(timeline.slice(0, -1).every((entry) => entry.status === 'COMPLETE')).to.equal(true);
    expect(Buffer.byteLength(JSON.stringify(read.body)), 'bytes').to.be.below(8 * 1024);
  });

  it('keeps the enrollment’s projection bounded as well', async () => {
    const stored = await resolvePort(server.container, STORE_TOKENS.enrollments).get(world.workspaceId, world.enrollmentId);
    expect(stored?.participation?.history).to.have.length(ENROLMENT.length + PARTICIPATION_EPISODE_BOUND);
    expect(Buffer.byteLength(JSON.stringify(stored)), 'bytes').to.be.below(8 * 1024);
  });

  it('reads the full history page by page, oldest first, in the vocabulary asked for', async () => {
    const first = await server.get(`/vpp-participations/${world.participationId}/history?perPage=100`, { key: world.key });
    expect(first.status).to.equal(200);
    expect(first.body).to.include({ page: 1, perPage: 100, totalItems: changes, totalPages: Math.ceil(changes / 100) });
    expect(first.body.data[0]).to.include({ previous_state: 'ENROLMENT_REQUESTED', state: 'AWAITING_CONSENT', trigger: 'consent_requested' });
    const seqs = first.body.data.map((entry: { seq: number }) => entry.seq);
    expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));
    const last = await server.get(`/vpp-participations/${world.participationId}/history?page=${first.body.totalPages}&perPage=100`, { key: world.key });
    expect(last.body.data.at(-1)).to.deep.include({ previous_state: 'SUSPENDED', state: 'ACTIVE', trigger: 'suspension_cleared', suspension_reasons: [] });
    const v2 = await server.get(`/vpp-participations/${world.participationId}/history?perPage=2`, { key: world.key, headers: { 'Flexroll-Version': '2' } });
    expect(v2.body.data.map((entry: { state: string }) => entry.state)).to.deep.equal(['AWAITING_CUSTOMER_CONSENT', 'AWAITING_DEVICE_TELEMETRY']);
  });

  it('names the field of the client’s own body when a submitted entry lacks its suspension reason', async () => {
    const refused = await server.post(`/vpp-participations/${world.participationId}`, { key: world.key, body: { participation_state: [{ state: 'SUSPENDED' }] } });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.details.map((issue: { field: string }) => issue.field)).to.deep.equal(['/participation_state/0/suspension_reasons']);
    expect(refused.body.error.message).to.match(/^\/participation_state\/0\/suspension_reasons must list at least one reason when the state is SUSPENDED/);
  });

  it('answers another workspace’s participation history exactly like an unknown one', async () => {
    const other = await server.workspace('Elsewhere Energy');
    const foreign = await server.get(`/vpp-participations/${world.participationId}/history`, { key: other.key });
    const unknown = await server.get('/vpp-participations/vpo_000000000000000000000000/history', { key: other.key });
    expect([foreign.status, unknown.status]).to.deep.equal([404, 404]);
    expect(foreign.body.error.message.replace(world.participationId, 'ID')).to.equal(unknown.body.error.message.replace('vpo_000000000000000000000000', 'ID'));
  });
});

describeOnEachStore('API key revocation', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store);
  });
  after(async () => server?.stop());

  it('stops a key revoked through this server at once', async () => {
    const world = await buildWorld(server, 'Revoking Energy');
    const reader = await server.post('/api-keys', { key: world.key, body: { name: 'short-lived', mode: 'live', permissions: ['enrollments:read'] } });
    expect((await server.get(`/enrollments/${world.enrollmentId}`, { key: reader.body.secret })).status).to.equal(200);
    expect((await server.delete(`/api-keys/${reader.body.id}`, { key: world.key })).status).to.equal(200);
    expect((await server.get(`/enrollments/${world.enrollmentId}`, { key: reader.body.secret })).status).to.equal(401);
  });

  it('stops a key revoked by another process within the 5-second cache bound', async () => {
    const world = await buildWorld(server, 'Elsewhere Revoked');
    const reader = await server.post('/api-keys', { key: world.key, body: { name: 'cached', mode: 'live', permissions: ['enrollments:read'] } });
    expect((await server.get(`/enrollments/${world.enrollmentId}`, { key: reader.body.secret })).status).to.equal(200);
    // Another process revokes it: straight in the store, past this server's cache.
    await resolvePort(server.container, STORE_TOKENS.apiKeys).markRevoked(world.workspaceId, reader.body.id, server.clock.now().toISOString());
    server.clock.advance(4_000);
    expect((await server.get(`/enrollments/${world.enrollmentId}`, { key: reader.body.secret })).status, 'still trusted inside the bound').to.equal(200);
    server.clock.advance(1_001);
    expect((await server.get(`/enrollments/${world.enrollmentId}`, { key: reader.body.secret })).status, 'refused once the bound has passed').to.equal(401);
  });
});

/** Seed 000's happy path through the API; the number of state changes it made. */
async function driveToActive(server: TestServer, world: World): Promise<number> {
  const call = async (path: string, body: unknown) => {
    const answer = path.startsWith('/enrollments') ? await server.patch(path, { key: world.key, body }) : await server.post(path, { key: world.key, body });
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  };
  const participation = `/vpp-participations/${world.participationId}`;
  await call(`${participation}/triggers`, { trigger: 'consent_requested' });
  await call(`${participation}/consent`, { terms_version: '2025-01' });
  await call(`${participation}/telemetry`, {});
  await call(`${participation}/triggers`, { trigger: 'control_confirmed' });
  await call(`/enrollments/${world.enrollmentId}`, { status: 'eligible', reason: 'In service territory' });
  await call(`/enrollments/${world.enrollmentId}`, { status: 'approved' });
  await call(`${participation}/triggers`, { trigger: 'device_live' });
  return 7;
}
