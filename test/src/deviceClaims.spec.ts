import { expect } from 'chai';
import { resolvePort, STORE_TOKENS } from '@flexroll/core';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from './support/fixtures.js';
import { describeOnEachStore } from './support/stores.js';

const CREATES = 50;

describeOnEachStore('One device, one active enrollment, over HTTP', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { rateLimitPerMinute: 100_000 });
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it(`answers ${CREATES} identical concurrent creates of a device with one 201 and 409s that say why`, async function () {
    this.timeout(120_000);
    const { key } = await server.workspace('Leap Energy');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025' } });
    const path = `/programInstances/${instance.body.id}/enrollments`;
    const answers = await Promise.all(Array.from({ length: CREATES }, () => server.post(path, { key, body: { ...SUZIE, serialNumber: 'SN-fifty' } })));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201), 'exactly one enrollment').to.have.length(1);
    for (const answer of answers.filter((a) => a.status !== 201)) {
      expect(answer.status).to.equal(409);
      expect(['device_already_enrolled', 'device_claim_contended']).to.include(answer.body.error.code);
      // Every refusal says whether to retry: a creation still in progress, in a second; a device taken, never.
      const retryAfter = answer.body.error.code === 'device_claim_contended' ? '1' : null;
      expect(answer.headers.get('retry-after'), answer.body.error.code).to.equal(retryAfter);
    }
    const listed = await server.get(`${path}?perPage=100`, { key });
    expect(listed.body.data.filter((enrollment: { serialNumber?: string }) => enrollment.serialNumber === 'SN-fifty')).to.have.length(1);
  });

  it('answers a create of a device whose creation elsewhere has not written yet with 409 device_claim_contended and Retry-After: 1', async () => {
    const { key, workspaceId } = await server.workspace('Leap Energy');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025' } });
    // What another process's creation leaves while it writes: the device's claim taken, well within its lease, by an
    // enrollment that does not exist yet. So the race's outcome is forced, not hoped for.
    const now = server.clock.now();
    await resolvePort(server.container, STORE_TOKENS.claims).claim({
      id: 'clm_inprogress000000000000000', workspaceId, key: `device:${instance.body.id}:SN-in-progress`, ownerId: 'cnotanidanywhere000000099',
      claimedAt: now.toISOString(), leaseUntil: new Date(now.getTime() + 10 * 60_000).toISOString(),
    });
    const answer = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: { ...SUZIE, serialNumber: 'SN-in-progress' } });
    expect([answer.status, answer.body.error?.code, answer.headers.get('retry-after')]).to.deep.equal([409, 'device_claim_contended', '1']);
  });

  it('gives the device of a finished enrollment to the next one, and refuses the finished one’s return while it is taken', async () => {
    const { key } = await server.workspace('Leap Energy');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025' } });
    const path = `/programInstances/${instance.body.id}/enrollments`;
    const first = await server.post(path, { key, body: { ...SUZIE, serialNumber: 'SN-handover' } });
    const participation = `/vpp-participations/${first.body.participationId}`;
    await server.post(`${participation}/triggers`, { key, body: { trigger: 'consent_requested' } });
    await server.post(`${participation}/consent`, { key, body: { terms_version: '2025-01' } });
    await server.post(`${participation}/telemetry`, { key, body: {} });
    await server.post(`${participation}/triggers`, { key, body: { trigger: 'control_confirmed' } });
    const ineligible = await server.patch(`/enrollments/${first.body.id}`, { key, body: { status: 'ineligible', reason: 'Outside service area' } });
    expect(ineligible.body.eligibility.status).to.equal('ineligible');

    const second = await server.post(path, { key, body: { ...SUZIE, serialNumber: 'SN-handover' } });
    expect(second.status).to.equal(201);
    const released = await server.get(`/events?enrollmentId=${first.body.id}&type=enrollment.device_released`, { key });
    expect(released.body.data.map((event: { data: unknown }) => event.data)).to.deep.equal([
      { serialNumber: 'SN-handover', claimedBy: second.body.id, reason: `The enrollment had finished; the device went to ${second.body.id}.` },
    ]);
    const back = await server.patch(`/enrollments/${first.body.id}`, { key, body: { address: { ...SUZIE.address, city: 'Brooklyn' } } });
    expect([back.status, back.body.error?.code]).to.deep.equal([409, 'device_already_enrolled']);
    expect((await server.get(`/enrollments/${first.body.id}`, { key })).body.eligibility.status, 'nothing changed').to.equal('ineligible');
  });
});
