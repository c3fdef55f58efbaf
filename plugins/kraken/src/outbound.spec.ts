import 'reflect-metadata';
import assert from 'node:assert/strict';
import nock from 'nock';
import { DEVICE_STATUSES_QUERY, OBTAIN_TOKEN, START_TEST_DISPATCH, UPDATE_SMART_CONTROL } from './krakenGraphql.js';
import { KrakenKit } from './test-support/krakenKit.js';
import { testJwt } from './test-support/krakenTestConfig.js';

const HOST = 'https://kraken.test';
const PATH = '/v1/graphql/';
const isQuery = (query: string) => (body: { query?: string }) => body.query === query;

/** Kraken taking a token request, answering a JWT. */
function krakenWithToken(): nock.Scope {
  return nock(HOST).post(PATH, isQuery(OBTAIN_TOKEN)).reply(200, { data: { obtainKrakenToken: { token: testJwt(new Date(), 3600), refreshExpiresIn: 604800 } } });
}

describe('plugins/kraken tells Kraken what moved, and polls it (nock)', function () {
  this.timeout(20_000);
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  it('starts a test dispatch through the outbox when the participation reaches CONFIRMING_DISPATCH, and retries it after a failure', async () => {
    const kraken = await new KrakenKit('test dispatch').at('AWAITING_TELEMETRY');
    const { harness, context } = kraken.kit;
    await harness.participations.submitStates(context, kraken.participationId, { vocabulary: 'v1', entries: [], referenceId: 'krakenflex-device-7f3a' }); // the provider's reference: Kraken's device
    const scope = krakenWithToken()
      .post(PATH, (body: { query?: string; variables?: { input?: { deviceId?: string } } }) => body.query === START_TEST_DISPATCH && body.variables?.input?.deviceId === 'krakenflex-device-7f3a')
      .reply(503)
      .post(PATH, isQuery(START_TEST_DISPATCH))
      .reply(200, { data: { startTestDispatch: { testDispatch: { status: 'TRIGGERED' } } } });
    const moved = await harness.participations.recordTelemetry(context, kraken.participationId, harness.clock.now().toISOString());
    assert.equal(moved.participation.state, 'CONFIRMING_DISPATCH', 'the request does not wait for Kraken');
    await harness.outbox.drain();
    const [failed] = await kraken.kit.outbox('pending');
    assert.match(failed?.lastError ?? '', /kraken POST \/v1\/graphql\/ answered 503/);
    harness.clock.advance(60_000); // past the first back-off
    await harness.outbox.drain();
    scope.done();
    assert.deepEqual(await harness.operatorReferences.referencesOf(kraken.kit.instance, kraken.participationId), [{ kind: 'device', value: 'krakenflex-device-7f3a' }]);
  });

  it('suspends smart control when Flexroll pauses the device for the operator, and unsuspends it when the pause lifts', async () => {
    const kraken = await new KrakenKit('smart control out').at('ACTIVE');
    const { harness, context } = kraken.kit;
    await harness.outbox.drain(); // the moves up to ACTIVE, told before Kraken's device was known: nothing to send
    await harness.operatorReferences.link(kraken.kit.instance, { kind: 'device', value: 'krakenflex-device-7f3a' }, kraken.participationId);
    const actions: string[] = [];
    const scope = krakenWithToken().post(PATH, isQuery(UPDATE_SMART_CONTROL)).twice().reply(200, (_uri, body: { variables: { input: { action: string } } }) => {
      actions.push(body.variables.input.action);
      return { data: { updateDeviceSmartControl: { id: 'krakenflex-device-7f3a' } } };
    });
    await harness.participations.trigger(context, kraken.participationId, { trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST' });
    await harness.participations.trigger(context, kraken.participationId, { trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' });
    await harness.outbox.drain();
    assert.deepEqual(actions, ['SUSPEND', 'UNSUSPEND']);
    scope.done();
  });

  it('polls the devices of each account in one call, in every state that can still change', async () => {
    const kraken = await new KrakenKit('polling').at('REGISTERED');
    const { harness, instance } = kraken.kit;
    await harness.operatorReferences.link(instance, { kind: 'device', value: 'krakenflex-device-7f3a' }, kraken.participationId);
    await harness.operatorReferences.link(instance, { kind: 'account-device', value: 'A-1234ABCD/krakenflex-device-7f3a' }, kraken.participationId);
    const scope = krakenWithToken()
      .post(PATH, (body: { query?: string; variables?: { accountNumber?: string } }) => body.query === DEVICE_STATUSES_QUERY && body.variables?.accountNumber === 'A-1234ABCD')
      .reply(200, { data: { devices: [{ id: 'krakenflex-device-7f3a', deviceType: 'BATTERIES', provider: 'TESLA', status: { current: 'LIVE', isSuspended: false } }] } });
    assert.equal(await harness.polling.runOnce(), 1);
    const live = await kraken.current();
    assert.deepEqual([live.participation!.state, live.participation!.nativeStatuses?.device?.value], ['ACTIVE', 'LIVE']);
    assert.equal(await harness.polling.runOnce(), 0, 'the same window is not polled twice');
    scope.done();
  });
});
