import { expect } from 'chai';
import nock from 'nock';
import { AdapterOutboxTask } from '@flexroll/core';
import { signKrakenWebhook } from '@flexroll/plugin-kraken';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from '../support/fixtures.js';
import { postOperatorWebhook } from '../support/operatorWebhooks.js';
import { describeOnEachStore } from '../support/stores.js';

const KRAKEN = 'https://kraken.test';
const GRAPHQL = '/v1/graphql/';
const CONFIG = { apiBaseUrl: `${KRAKEN}${GRAPHQL}`, apiKey: 'sk_live_kraken_e2e_0001', webhookSecret: 'whsec-kraken-e2e-secret-0001' };
const DEVICE = 'krakenflex-device-e2e-01';

describeOnEachStore('KrakenFlex end to end: a signed Kraken webhook in, the participation’s new state, GraphQL out', (store) => {
  let server: TestServer;
  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    server = await TestServer.start(store, { adapters: ['@flexroll/plugin-manual', '@flexroll/plugin-kraken'] });
  });
  after(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await server?.stop();
  });
  afterEach(() => expect(server.contract.violations).to.deep.equal([]));

  /** Kraken's webhook, signed with the instance's secret at the platform's now. */
  let sequence = 0;
  async function kraken(instanceId: string, type: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return send(instanceId, krakenEvent(type, data, extra));
  }
  function krakenEvent(type: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return { id: `krk-${++sequence}`, type, occurredAt: server.clock.now().toISOString(), sequence, data: { deviceId: DEVICE, accountNumber: 'A-1234ABCD', ...data }, ...extra };
  }
  async function send(instanceId: string, ...events: unknown[]) {
    const body = JSON.stringify({ events });
    const signature = signKrakenWebhook(CONFIG.webhookSecret, body, Math.floor(server.clock.now().getTime() / 1000));
    return postOperatorWebhook(server, instanceId, body, { 'x-kraken-signature': signature });
  }

  it('onboards a device from Kraken’s events to ACTIVE, asking Kraken for its test dispatch on the way', async () => {
    const { key } = await server.workspace('Octopus Flex');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Kraken 2025', adapter: { adapterId: 'kraken', config: CONFIG } } });
    expect(instance.body.adapter.config).to.include({ apiKey: '********', webhookSecret: '********' });
    const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE });
    const pid: string = enrollment.body.participationId;
    const participation = async () => (await server.get(`/vpp-participations/${pid}`, { key })).body;

    const onboarding = await kraken(instance.body.id, 'device.status', { status: 'ONBOARDING', provider: 'TESLA', deviceType: 'BATTERIES' }, { externalReference: pid });
    expect(onboarding).to.deep.equal({ status: 200, body: { received: 1, results: [{ index: 0, participation_id: pid, outcome: 'applied' }] } });
    expect((await participation()).current_state).to.equal('AWAITING_CONSENT');

    await server.post(`/vpp-participations/${pid}/consent`, { key, body: { terms_version: '2025-01' } });
    await kraken(instance.body.id, 'device.status', { status: 'ONBOARDING_TEST_IN_PROGRESS' });
    expect((await participation()).current_state).to.equal('CONFIRMING_DISPATCH');

    // Back out to Kraken, through the outbox: a token, then the test dispatch for the device Kraken named.
    const outbound = nock(KRAKEN)
      .post(GRAPHQL, (body: { query: string }) => body.query.includes('obtainKrakenToken'))
      .reply(200, { data: { obtainKrakenToken: { token: 'header.eyJleHAiOjQxMDI0NDQ4MDB9.signature', refreshExpiresIn: 604800 } } })
      .post(GRAPHQL, (body: { query: string; variables: { input: { deviceId: string } } }) => body.query.includes('startTestDispatch') && body.variables.input.deviceId === DEVICE)
      .matchHeader('authorization', 'Bearer header.eyJleHAiOjQxMDI0NDQ4MDB9.signature')
      .reply(200, { data: { startTestDispatch: { testDispatch: { status: 'TRIGGERED' } } } });
    await server.container.get(AdapterOutboxTask).drain();
    outbound.done();

    await kraken(instance.body.id, 'test_dispatch.status', { status: 'COMPLETE', assessmentFailureReason: 'NONE' });
    expect((await participation()).current_state).to.equal('AWAITING_ELIGIBILITY');
    await kraken(instance.body.id, 'eligibility.updated', { eligibility: 'ELIGIBLE' });
    const submitted = await server.get(`/enrollments/${enrollment.body.id}`, { key });
    expect(submitted.body.eligibility).to.deep.include({ status: 'submitted', reason: 'KrakenFlex: ELIGIBLE' });
    await server.patch(`/enrollments/${enrollment.body.id}`, { key, body: { status: 'approved' } });
    await kraken(instance.body.id, 'device.status', { status: 'LIVE' });

    const live = await participation();
    expect([live.current_state, live.control_active]).to.deep.equal(['ACTIVE', true]);
    expect(live.native_statuses.map((status: { name: string; value: string }) => `${status.name}=${status.value}`)).to.deep.equal(['device=LIVE', 'testDispatch=COMPLETE', 'eligibility=ELIGIBLE']);
    expect(live.drift).to.equal(null);
  });

  it('answers an event about a device not linked yet 503 with Retry-After, applies Kraken’s retry once it is, and recognises a redelivery by its id', async () => {
    const { key } = await server.workspace('Octopus Flex early');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Kraken 2025', adapter: { adapterId: 'kraken', config: CONFIG } } });
    const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE });
    const pid: string = enrollment.body.participationId;
    const early = krakenEvent('smart_control.changed', { action: 'SUSPEND' });
    const notYet = await send(instance.body.id, early);
    expect([notYet.status, notYet.retryAfter, notYet.body.error.code, notYet.body.error.details]).to.deep.equal([
      503, '30', 'reference_not_linked', [{ field: '/events/0/reference', rule: 'linked', message: `The operator's device '${DEVICE}' is not linked to a participation yet.` }],
    ]);
    await kraken(instance.body.id, 'device.status', { status: 'ONBOARDING', provider: 'TESLA', deviceType: 'BATTERIES' }, { externalReference: pid });
    const retried = await send(instance.body.id, early);
    const redelivered = await send(instance.body.id, early);
    expect([retried.status, retried.body.results]).to.deep.equal([200, [{ index: 0, participation_id: pid, outcome: 'applied' }]]);
    expect([redelivered.status, redelivered.body.results[0].outcome]).to.deep.equal([200, 'duplicate']);
    const traces = await server.get(`/events?enrollmentId=${enrollment.body.id}&type=participation.operator_event`, { key });
    expect(traces.body.data.map((event: { data: { eventId: string; outcome: string } }) => [event.data.eventId, event.data.outcome])).to.deep.equal([
      [`krk-${sequence}`, 'applied'], [early.id, 'applied'], [early.id, 'duplicate'],
    ]);
  });

  it('refuses an unsigned or foreign-signed webhook, and one for an instance that does not exist, changing nothing', async () => {
    const { key } = await server.workspace('Octopus Flex');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Kraken 2025', adapter: { adapterId: 'kraken', config: CONFIG } } });
    const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE });
    const body = JSON.stringify({ events: [{ type: 'device.status', occurredAt: server.clock.now().toISOString(), externalReference: enrollment.body.participationId, data: { deviceId: DEVICE, status: 'ONBOARDING' } }] });
    const now = Math.floor(server.clock.now().getTime() / 1000);
    const unsigned = await postOperatorWebhook(server, instance.body.id, body, {});
    const foreign = await postOperatorWebhook(server, instance.body.id, body, { 'x-kraken-signature': signKrakenWebhook('whsec-another-tenant-secret', body, now) });
    const nowhere = await postOperatorWebhook(server, 'cnotaninstanceanywhere000', body, { 'x-kraken-signature': signKrakenWebhook(CONFIG.webhookSecret, body, now) });
    const manual = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'By hand' } });
    const noWebhooks = await postOperatorWebhook(server, manual.body.id, body, {});
    expect([unsigned.status, unsigned.body.error.code]).to.deep.equal([401, 'webhook_unverified']);
    expect([foreign.status, foreign.body.error.message]).to.deep.equal([401, 'The x-kraken-signature does not match the body.']);
    expect([nowhere.status, nowhere.body.error.code]).to.deep.equal([404, 'program_instance_not_found']);
    expect([noWebhooks.status, noWebhooks.body.error.code]).to.deep.equal([404, 'operator_webhooks_not_received']);
    const events = await server.get(`/events?enrollmentId=${enrollment.body.id}`, { key });
    expect(events.body.data.map((event: { type: string }) => event.type)).to.deep.equal(['enrollment.created']);
  });

  it('answers a signed event whose payload no store could keep (a NUL character) as invalid, changing nothing', async () => {
    const { key } = await server.workspace('Octopus Flex NUL');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Kraken 2025', adapter: { adapterId: 'kraken', config: CONFIG } } });
    const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE });
    const answer = await kraken(instance.body.id, 'device.status', { deviceId: 'krakenflex\u0000device', status: 'ONBOARDING' }, { externalReference: enrollment.body.participationId });
    expect([answer.status, answer.body.results]).to.deep.equal([200, [{ index: 0, outcome: 'invalid', message: 'The event payload cannot be stored: /payload/deviceId contains a NUL character (U+0000), which cannot be stored' }]]);
    const events = await server.get(`/events?enrollmentId=${enrollment.body.id}`, { key });
    expect(events.body.data.map((event: { type: string }) => event.type)).to.deep.equal(['enrollment.created']);
  });
});
