import { expect } from 'chai';
import { TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { buildWorld, type World } from '../support/World.js';
import { enrollDevice, SEED_002_ENROLMENT, submit } from '../support/participationUpdates.js';

/** States seed 002 names otherwise; a message to a client speaking seed 002 must name none of them. */
const V1_ONLY = /\b(AWAITING_CONSENT|AWAITING_TELEMETRY|AWAITING_METER_ACCESS|CONFIRMING_DISPATCH|AWAITING_ELIGIBILITY)\b/;

/** Seed 002's sequence after ACTIVE: a pause, then leaving. */
const SEED_002_AFTER_ACTIVE: [string, string[]?][] = [['SUSPENDED', ['OPERATOR_REQUEST']], ['UNENROLMENT_REQUESTED'], ['WINDING_DOWN'], ['UNENROLLED'], ['OFFBOARDED']];

describeOnEachStore('A client speaking seed 002’s vocabulary (issue 12, item 3)', (store) => {
  let server: TestServer;
  let world: World;
  before(async () => {
    server = await TestServer.start(store);
    world = await buildWorld(server, 'Second Vocabulary Energy');
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('reaches every step of seed 002’s sequence by submitting it, each step twice, meter step included', async () => {
    expect((await server.patch(`/programInstances/${world.instanceId}`, { key: world.key, body: { meterAccessRequired: true } })).status).to.equal(200);
    const participationId = await enrollDevice(server, world);
    const steps: [string, string[]?][] = [...SEED_002_ENROLMENT.map((state): [string] => [state]), ...SEED_002_AFTER_ACTIVE];
    for (const [state, reasons] of steps) {
      const body = { participation_state: [{ state, ...(reasons === undefined ? {} : { suspension_reasons: reasons }) }] };
      const reached = await submit(server, world, participationId, body, { v2: true });
      expect([reached.status, reached.body.current_state], `${state}: ${JSON.stringify(reached.body)}`).to.deep.equal([200, state]);
      expect(reached.body.participation_state.filter((entry: { status: string }) => entry.status === 'IN_PROGRESS').map((entry: { state: string }) => entry.state)).to.deep.equal([state]);
      const again = await submit(server, world, participationId, body, { v2: true });
      expect(again.body, `${state} again`).to.deep.equal(reached.body);
    }
    const v2 = await server.get(`/vpp-participations/${participationId}`, { key: world.key, headers: { 'Flexroll-Version': '2' } });
    expect(v2.body.participation_state.map((entry: { state: string }) => entry.state)).to.deep.equal(['ENROLMENT_REQUESTED', ...SEED_002_ENROLMENT, 'SUSPENDED', 'UNENROLMENT_REQUESTED', 'WINDING_DOWN', 'UNENROLLED', 'OFFBOARDED']);
  });

  it('gets past telemetry: CHECKING_ELIGIBILITY after AWAITING_DEVICE_TELEMETRY, where no meter access is required', async () => {
    const other = await buildWorld(server, 'No Meter Energy');
    for (const state of ['AWAITING_CUSTOMER_CONSENT', 'AWAITING_DEVICE_TELEMETRY', 'CHECKING_ELIGIBILITY', 'AWAITING_REGISTRATION']) {
      const reached = await submit(server, other, other.participationId, { participation_state: [{ state }] }, { v2: true });
      expect([reached.status, reached.body.current_state], JSON.stringify(reached.body)).to.deep.equal([200, state]);
    }
    const v1 = await server.get(`/vpp-participations/${other.participationId}`, { key: other.key });
    expect(v1.body.participation_state.slice(0, 6).map((entry: { state: string }) => entry.state), 'one internal model under both').to.deep.equal([
      'ENROLMENT_REQUESTED', 'AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION',
    ]);
  });

  it('refuses in the request’s vocabulary, on a submission and on any other route', async () => {
    const other = await buildWorld(server, 'Refused Energy');
    for (const state of ['AWAITING_CUSTOMER_CONSENT', 'AWAITING_DEVICE_TELEMETRY']) await submit(server, other, other.participationId, { participation_state: [{ state }] }, { v2: true });

    const submitted = await submit(server, other, other.participationId, { participation_state: [{ state: 'AWAITING_REGISTRATION' }] }, { v2: true });
    expect([submitted.status, submitted.body.error.code]).to.deep.equal([409, 'illegal_transition']);
    expect(submitted.body.error.message).to.equal(
      "Cannot apply 'AWAITING_REGISTRATION' to a participation in AWAITING_DEVICE_TELEMETRY (no trigger leads from AWAITING_DEVICE_TELEMETRY to AWAITING_REGISTRATION; here telemetry_received leads to CHECKING_ELIGIBILITY, failed leads to FAILED); it accepts: telemetry_received, failed.",
    );
    const fired = await server.post(`/vpp-participations/${other.participationId}/triggers`, { key: other.key, body: { trigger: 'device_live' }, headers: { 'Flexroll-Version': '2' } });
    expect([fired.status, fired.body.error.message]).to.deep.equal([409, "Cannot apply 'device_live' to a participation in AWAITING_DEVICE_TELEMETRY; it accepts: telemetry_received, failed."]);
    for (const refused of [submitted, fired]) expect(refused.body.error.message).to.not.match(V1_ONLY);

    const inV1 = await server.post(`/vpp-participations/${other.participationId}/triggers`, { key: other.key, body: { trigger: 'device_live' } });
    expect(inV1.body.error.message, 'and in seed 000’s words without the header').to.include('in AWAITING_TELEMETRY;');
  });
});
