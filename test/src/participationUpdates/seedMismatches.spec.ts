import { expect } from 'chai';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { SUZIE } from '../support/fixtures.js';
import { buildWorld } from '../support/World.js';
import { enrollDevice, SEED_002_OPERATOR_PAUSE, submit, submitToActive } from '../support/participationUpdates.js';

describeOnEachStore('What a typed seed client trips over, and control lost or restored (issue 12, item 6)', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store);
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('writes logo_url and learn_more_url as null when the program has none', async () => {
    const { key } = await server.workspace('Plain Energy');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: { name: 'Bare Programme', provider: { providerDisplayName: 'Leap' } } });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Bare 2025' } });
    const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE });
    const read = await server.get(`/vpp-participations/${enrollment.body.participationId}`, { key });
    expect(read.body.provider).to.deep.include({ provider_display_name: 'Leap', logo_url: null });
    expect(read.body.programme).to.deep.equal({ id: program.body.id, programme_display_name: 'Bare Programme', learn_more_url: null });
  });

  it('returns seed 004’s eligibilityStatus and eligibilityReason beside eligibility{}, and accepts them to move the status', async () => {
    const world = await buildWorld(server, 'Flat Energy');
    const plain = await server.post(`/programInstances/${world.instanceId}/enrollments`, { key: world.key, body: { ...SUZIE, serialNumber: undefined } });
    expect(plain.body).to.deep.include({ eligibilityStatus: 'candidate', eligibility: { status: 'candidate', programInstanceId: world.instanceId } });
    expect(plain.body).to.not.have.property('eligibilityReason');
    const moved = await server.patch(`/enrollments/${plain.body.id}`, { key: world.key, body: { eligibilityStatus: 'ineligible', eligibilityReason: 'Outside service area' } });
    expect(moved.body).to.deep.include({
      eligibilityStatus: 'ineligible', eligibilityReason: 'Outside service area',
      eligibility: { status: 'ineligible', reason: 'Outside service area', programInstanceId: world.instanceId },
    });
    const both = await server.patch(`/enrollments/${world.enrollmentId}`, { key: world.key, body: { status: 'ineligible', eligibilityStatus: 'ineligible', reason: 'Incompatible equipment' } });
    expect([both.status, both.body.eligibilityStatus, both.body.eligibilityReason]).to.deep.equal([200, 'ineligible', 'Incompatible equipment']);
    const listed = await server.get(`/programInstances/${world.instanceId}/enrollments?status=ineligible`, { key: world.key });
    expect(listed.body.data.map((enrollment: { eligibilityStatus: string }) => enrollment.eligibilityStatus)).to.deep.equal(['ineligible', 'ineligible']);
  });

  it('answers seed 002’s vpp_ id form like an unknown id: 404', async () => {
    const world = await buildWorld(server, 'Prefixed Energy');
    const seed002Id = world.participationId.replace(/^vpo_/, 'vpp_');
    for (const response of [
      await server.get(`/vpp-participations/${seed002Id}`, { key: world.key }),
      await submit(server, world, seed002Id, SEED_002_OPERATOR_PAUSE),
      await server.post(`/vpp-participations/${seed002Id}/control`, { key: world.key, body: { available: true } }),
    ]) {
      expect([response.status, response.body.error.code, response.body.error.message]).to.deep.equal([404, 'vpp_participation_not_found', `No vpp_participation with id '${seed002Id}'.`]);
    }
  });

  it('writes the eligibilityReason a participation move leaves as words a person reads', async () => {
    const world = await buildWorld(server, 'Worded Energy');
    await submitToActive(server, world, world.participationId);
    const read = await server.get(`/enrollments/${world.enrollmentId}`, { key: world.key });
    expect(read.body).to.deep.include({ eligibilityStatus: 'approved', eligibilityReason: 'Registration confirmed by the programme operator' });
    const moves = await server.get(`/events?enrollmentId=${world.enrollmentId}&type=enrollment.status_changed`, { key: world.key });
    expect(moves.body.data.map((event: { data: { reason: string } }) => event.data.reason)).to.deep.equal([
      'Confirmed eligible by the programme operator', 'Confirmed eligible by the programme operator', 'Registration confirmed by the programme operator',
    ]);
  });

  it('suspends for AWAITING_DISPATCH when control is lost and lifts it when control is restored, once however often it is reported', async () => {
    const world = await buildWorld(server, 'Controlled Energy');
    const participationId = await enrollDevice(server, world);
    const control = (available: boolean) => server.post(`/vpp-participations/${participationId}/control`, { key: world.key, body: { available } });
    for (const state of ['AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'CONFIRMING_DISPATCH']) await submit(server, world, participationId, { participation_state: [{ state }] });
    expect((await control(true)).body.current_state, 'control confirmed while it was being checked').to.equal('AWAITING_ELIGIBILITY');
    await submit(server, world, participationId, { participation_state: ['AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE'].map((state) => ({ state })) });
    await submit(server, world, participationId, SEED_002_OPERATOR_PAUSE);

    const lost = await control(false);
    expect(lost.body).to.deep.include({ current_state: 'SUSPENDED', suspension_reasons: ['AWAITING_DISPATCH', 'OPERATOR_REQUEST'], control_active: false });
    expect((await control(false)).body).to.deep.equal(lost.body);
    await submit(server, world, participationId, { participation_state: [{ state: 'SUSPENDED', suspension_reasons: ['AWAITING_DISPATCH'] }] });
    const restored = await control(true);
    expect(restored.body).to.deep.include({ current_state: 'ACTIVE', suspension_reasons: [], control_active: true });
    const history = await server.get(`/vpp-participations/${participationId}/history?perPage=100`, { key: world.key });
    expect(history.body.data.filter((entry: { reason?: string }) => entry.reason?.startsWith('control')).map((entry: { trigger: string; reason: string }) => [entry.trigger, entry.reason])).to.deep.equal([
      ['control_confirmed', 'control of the device confirmed'], ['suspension_raised', 'control of the device lost'], ['suspension_cleared', 'control restored'],
    ]);
  });
});
