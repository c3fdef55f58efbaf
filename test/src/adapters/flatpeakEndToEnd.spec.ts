import { expect } from 'chai';
import nock from 'nock';
import { AdapterOutboxTask, OperatorPollingTask } from '@flexroll/core';
import { signFlatpeakWebhook } from '@flexroll/plugin-flatpeak';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from '../support/fixtures.js';
import { postOperatorWebhook } from '../support/operatorWebhooks.js';
import { describeOnEachStore } from '../support/stores.js';

const REMOTE = 'https://flatpeak.test';
const REMOTE_ID = 'vpo_7c2f1a9e4b0d8f3a6e2c5d10';
const CONFIG = {
  apiBaseUrl: REMOTE, accountId: 'acc_661677911f2197045e6cf1b1', apiKey: 'sk_live_flatpeak_e2e_01',
  webhookSecret: `whsec_${Buffer.from('flatpeak-e2e-signing-key-0001').toString('base64')}`, vocabulary: 'v2',
};
const remoteObject = (state: string, referenceId: string) => ({
  object: 'vpp-participation', id: REMOTE_ID, reference_id: referenceId, live_mode: true, device_id: 'dev_63a6087272941ef077a8fd3e',
  location_id: 'loc_641b90b758fb8e6293716e40', current_state: state, control_active: false, telemetry_active: false, suspension_reasons: [],
  participation_state: [{ state, status: 'IN_PROGRESS', description: '…', occurred_at: null, expected_at: null, suspension_reasons: [] }],
  time_updated: '2025-01-01T09:00:00Z', time_created: '2025-01-01T08:00:00Z', account_id: 'acc_661677911f2197045e6cf1b1',
});

describeOnEachStore('Flatpeak end to end: mirrored out in seed 002’s vocabulary, a signed update in, read back for drift', (store) => {
  let server: TestServer;
  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    server = await TestServer.start(store, { adapters: ['@flexroll/plugin-manual', '@flexroll/plugin-flatpeak'] });
  });
  after(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await server?.stop();
  });
  afterEach(() => expect(server.contract.violations).to.deep.equal([]));

  it('creates and updates the remote participation, follows the remote’s own move, and lists a lasting disagreement as drift', async () => {
    const { key } = await server.workspace('Leap Energy');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Flatpeak 2025', adapter: { adapterId: 'flatpeak', config: CONFIG }, customerDataGrant: { fields: ['email'] } } });
    const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE });
    const pid: string = enrollment.body.participationId;
    const outbox = server.container.get(AdapterOutboxTask);

    // Out: the creation creates the remote participation (Flexroll's id as the provider's reference, the granted e-mail).
    const created = nock(REMOTE)
      .post('/login').reply(200, { object: 'token', bearer_token: 'fp_bearer_e2e', expires_at: '2099-01-01T00:00:00Z' })
      .post('/vpp-participations', { reference_id: pid, live_mode: true, email: SUZIE.email }).matchHeader('authorization', 'Bearer fp_bearer_e2e').reply(201, remoteObject('ENROLMENT_REQUESTED', pid));
    await outbox.drain();
    created.done();
    const shared = await server.get(`/events?enrollmentId=${enrollment.body.id}&type=adapter.customer_data_shared`, { key });
    expect(shared.body.data.map((event: { data: unknown }) => event.data)).to.deep.equal([{ adapterId: 'flatpeak', operation: 'onParticipationCreated', fields: ['email'] }]);

    // Out: the first move submits where the participation stands, in v2.
    const submitted = nock(REMOTE)
      .post(`/vpp-participations/${REMOTE_ID}`, { reference_id: pid, participation_state: [{ state: 'AWAITING_CUSTOMER_CONSENT' }] }).reply(200, remoteObject('AWAITING_CUSTOMER_CONSENT', pid));
    await server.post(`/vpp-participations/${pid}/triggers`, { key, body: { trigger: 'consent_requested' } });
    await outbox.drain();
    submitted.done();

    // In: the customer consented in the remote's app; its signed update moves Flexroll on, and the move is mirrored back.
    const body = JSON.stringify({ type: 'vpp-participation.updated', data: remoteObject('AWAITING_DEVICE_TELEMETRY', pid) });
    const now = Math.floor(server.clock.now().getTime() / 1000);
    const received = await postOperatorWebhook(server, instance.body.id, body, { 'webhook-id': 'msg_e2e_1', 'webhook-timestamp': String(now), 'webhook-signature': signFlatpeakWebhook(CONFIG.webhookSecret, 'msg_e2e_1', now, body) });
    expect(received).to.deep.equal({ status: 200, body: { received: 1, results: [{ index: 0, participation_id: pid, outcome: 'applied' }] } });
    const mirrored = nock(REMOTE).post(`/vpp-participations/${REMOTE_ID}`, { reference_id: pid, participation_state: [{ state: 'AWAITING_DEVICE_TELEMETRY' }] }).reply(200, remoteObject('AWAITING_DEVICE_TELEMETRY', pid));
    await outbox.drain();
    mirrored.done();
    const v2 = await server.get(`/vpp-participations/${pid}`, { key, headers: { 'Flexroll-Version': '2' } });
    expect([v2.body.current_state, v2.body.native_statuses[0].value, v2.body.drift]).to.deep.equal(['AWAITING_DEVICE_TELEMETRY', 'AWAITING_DEVICE_TELEMETRY', null]);

    // Read back: the remote says REGISTERED, which no single step reaches from here; 15 minutes on, it is drift.
    const readBack = nock(REMOTE).get(`/vpp-participations/${REMOTE_ID}`).reply(200, { ...remoteObject('REGISTERED', pid), time_updated: server.clock.now().toISOString() });
    expect(await server.container.get(OperatorPollingTask).runOnce()).to.equal(1);
    readBack.done();
    expect((await server.get(`/programInstances/${instance.body.id}/drift`, { key })).body.totalItems).to.equal(0);
    server.clock.advance(16 * 60_000);
    const drift = await server.get(`/programInstances/${instance.body.id}/drift`, { key });
    expect(drift.body.data.map((entry: { participationId: string; state: string; drift: { statuses: string[] } }) => [entry.participationId, entry.state, entry.drift.statuses])).to.deep.equal([[pid, 'AWAITING_TELEMETRY', ['remote']]]);
  });
});
