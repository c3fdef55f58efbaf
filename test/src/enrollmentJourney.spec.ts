import { expect } from 'chai';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from './support/fixtures.js';
import { describeOnEachStore } from './support/stores.js';

describeOnEachStore('Seed 004’s journey through the HTTP API', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store);
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('enrolls Suzie Homeowner, moves her to ACTIVE through both APIs, and reads seed 001’s participation', async () => {
    const { key } = await server.workspace();
    expect((await server.post('/programs', { key, body: COMMUNITY_POWERSHARE })).status, 'a workspace key cannot write programs').to.equal(403);
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    expect(program.status).to.equal(201);

    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025' } });
    expect(instance.status).to.equal(201);
    expect(instance.body.id).to.match(/^c[a-z0-9]{24}$|^[a-z][a-z0-9]{24}$/);

    const created = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE });
    expect(created.status).to.equal(201);
    expect(created.body).to.deep.include({ firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com', referenceDescription: 'Tesla Grid Services id.' });
    expect(created.body.eligibility).to.deep.equal({ status: 'candidate', programInstanceId: instance.body.id });
    const enrollmentId: string = created.body.id;
    const participationId: string = created.body.participationId;

    const listed = await server.get(`/programInstances/${instance.body.id}/enrollments?status=candidate&tags=tag1,tag2&referenceId=1234567890`, { key });
    expect(listed.body).to.deep.include({ page: 1, perPage: 20, totalItems: 1, totalPages: 1 });
    expect(listed.body.data[0].id).to.equal(enrollmentId);

    let participation = await server.get(`/vpp-participations/${participationId}`, { key });
    expect(participation.body).to.deep.include({ object: 'vpp-participation', id: participationId, live_mode: true, current_state: 'ENROLMENT_REQUESTED', control_active: false, telemetry_active: false, suspension_reasons: [] });
    expect(participation.body.provider).to.deep.equal({ id: 'prv_8587fa49c7e5297ccc6c57e5', provider_display_name: 'Leap', logo_url: 'https://s.flatpeak.com/83b06a60e38c2.png' });
    expect(participation.body.programme).to.deep.equal({ id: program.body.id, programme_display_name: 'Community Powershare', learn_more_url: 'https://leap.com/programmes/community-powershare' });
    expect(participation.body.participation_state[0]).to.deep.include({ state: 'ENROLMENT_REQUESTED', status: 'IN_PROGRESS', description: 'We’ve received your request to join the programme.' });
    expect(participation.body.participation_state.at(-1)).to.deep.include({ state: 'ACTIVE', status: 'PENDING' });

    await server.post(`/vpp-participations/${participationId}/triggers`, { key, body: { trigger: 'consent_requested' } });
    await server.post(`/vpp-participations/${participationId}/consent`, { key, body: { terms_version: '2025-01' } });
    await server.post(`/vpp-participations/${participationId}/telemetry`, { key, body: {} });
    await server.post(`/vpp-participations/${participationId}/triggers`, { key, body: { trigger: 'control_confirmed' } });
    const eligible = await server.patch(`/enrollments/${enrollmentId}`, { key, body: { status: 'eligible', reason: 'In service territory' } });
    expect(eligible.body.eligibility.status, 'eligibility_confirmed requests registration at once').to.equal('submitted');
    const approved = await server.patch(`/enrollments/${enrollmentId}`, { key, body: { status: 'approved' } });
    expect(approved.body.eligibility.status).to.equal('approved');

    participation = await server.post(`/vpp-participations/${participationId}`, { key, body: { reference_id: 'AZ01346701301', participation_state: [{ state: 'ACTIVE' }] } });
    expect(participation.status).to.equal(200);
    expect(participation.body).to.deep.include({ reference_id: 'AZ01346701301', current_state: 'ACTIVE', control_active: true, telemetry_active: true });
    expect(participation.body.participation_state.map((entry: { status: string }) => entry.status).filter((s: string) => s === 'IN_PROGRESS')).to.have.length(1);

    const v2 = await server.get(`/vpp-participations/${participationId}`, { key, headers: { 'Flexroll-Version': '2' } });
    expect(v2.body.participation_state.map((entry: { state: string }) => entry.state)).to.include.members(['AWAITING_CUSTOMER_CONSENT', 'AWAITING_DEVICE_TELEMETRY', 'CHECKING_ELIGIBILITY']);

    const started = await server.get(`/enrollments/${enrollmentId}`, { key });
    expect(started.body.enrollmentStartDate).to.equal(server.clock.now().toISOString());

    const events = await server.get(`/events?enrollmentId=${enrollmentId}&perPage=100`, { key });
    expect(events.body.data.map((event: { seq: number }) => event.seq)).to.deep.equal(events.body.data.map((_: unknown, i: number) => i + 1));
    expect(events.body.data.map((event: { type: string }) => event.type)).to.include.members(['enrollment.created', 'enrollment.status_changed', 'participation.state_changed', 'enrollment.updated']);
    const statusChanges = await server.get(`/events?enrollmentId=${enrollmentId}&type=enrollment.status_changed`, { key });
    expect(statusChanges.body.data.map((event: { data: { from: string; to: string } }) => `${event.data.from}>${event.data.to}`)).to.deep.equal([
      'candidate>eligible', 'eligible>submitted', 'submitted>approved',
    ]);

    expect((await server.delete(`/enrollments/${enrollmentId}`, { key })).status).to.equal(204);
    expect((await server.get(`/enrollments/${enrollmentId}`, { key })).status).to.equal(404);
  });

  it('replays a repeated POST with the same Idempotency-Key and refuses the key with another body', async () => {
    const { key } = await server.workspace('Idempotent Utility');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Idempotent instance' } });
    const headers = { 'Idempotency-Key': 'enroll-suzie-0001' };
    const first = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE, headers });
    const again = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE, headers });
    expect([again.status, again.body]).to.deep.equal([first.status, first.body]);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    const other = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: { ...SUZIE, serialNumber: 'other' }, headers });
    expect([other.status, other.body.error.code]).to.deep.equal([409, 'idempotency_key_reused']);
    const list = await server.get(`/programInstances/${instance.body.id}/enrollments`, { key });
    expect(list.body.totalItems).to.equal(1);
  });
});
