import { expect } from 'chai';
import { TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { buildWorld } from '../support/World.js';
import { SUZIE } from '../support/fixtures.js';
import { submit } from '../support/participationUpdates.js';

interface Event {
  readonly type: string;
  readonly seq: number;
  readonly occurredAt: string;
  readonly data: { from?: string; to?: string; reason?: string; changes?: Record<string, unknown>; previous?: Record<string, unknown>; enrollment?: Record<string, unknown> };
}

describeOnEachStore('Events of a status change (issue 12, item 5)', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store);
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  const eventsOf = async (key: string, enrollmentId: string): Promise<Event[]> =>
    (await server.get(`/events?enrollmentId=${enrollmentId}&perPage=100`, { key })).body.data;

  it('follows every enrollment.status_changed with an enrollment.updated carrying the whole enrollment, as GET returns it', async () => {
    const world = await buildWorld(server, 'Eventful Energy');
    const path = ['AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE'];
    await submit(server, world, world.participationId, { participation_state: path.map((state) => ({ state })) });
    const events = await eventsOf(world.key, world.enrollmentId);
    const moves = events.filter((event) => event.type === 'enrollment.status_changed');
    expect(moves.map((event) => `${event.data.from}>${event.data.to}`)).to.deep.equal(['candidate>eligible', 'eligible>submitted', 'submitted>approved']);
    for (const move of moves) {
      const next = events.find((event) => event.seq === move.seq + 1)!;
      expect(next.type, `after seq ${move.seq}`).to.equal('enrollment.updated');
      expect(next.occurredAt).to.equal(move.occurredAt);
      expect(next.data.changes).to.deep.equal({ eligibility: { status: move.data.to, reason: move.data.reason } });
      expect(next.data.previous?.eligibility).to.deep.include({ status: move.data.from });
      expect(next.data.enrollment).to.deep.include({ id: world.enrollmentId, eligibilityStatus: move.data.to, eligibilityReason: move.data.reason, firstName: 'Suzie' });
      expect(next.data.enrollment).to.not.have.any.keys('workspaceId', 'participation', 'seq');
    }
    const last = events.filter((event) => event.type === 'enrollment.updated').at(-1)!;
    const read = await server.get(`/enrollments/${world.enrollmentId}`, { key: world.key });
    expect(last.data.enrollment, 'the last update is the enrollment as read').to.deep.equal(read.body);
    expect(last.data.changes).to.have.keys('enrollmentStartDate');
  });

  it('does the same for a status moved through the enrollment API, and for a data change', async () => {
    const world = await buildWorld(server, 'Patched Energy');
    const plain = await server.post(`/programInstances/${world.instanceId}/enrollments`, { key: world.key, body: { ...SUZIE, serialNumber: undefined } });
    await server.patch(`/enrollments/${plain.body.id}`, { key: world.key, body: { status: 'ineligible', reason: 'Outside service area' } });
    await server.patch(`/enrollments/${plain.body.id}`, { key: world.key, body: { address: { ...SUZIE.address, city: 'Brooklyn' } } });
    const events = await eventsOf(world.key, plain.body.id);
    expect(events.map((event) => event.type)).to.deep.equal([
      'enrollment.created', 'enrollment.status_changed', 'enrollment.updated', 'enrollment.updated', 'enrollment.status_changed', 'enrollment.updated',
    ]);
    expect(events[3]!.data.changes).to.deep.equal({ address: { ...SUZIE.address, city: 'Brooklyn' } });
    expect(events[3]!.data.enrollment).to.deep.include({ eligibilityStatus: 'ineligible', address: { ...SUZIE.address, city: 'Brooklyn' } });
    expect(events[5]!.data.enrollment).to.deep.include({ eligibilityStatus: 'candidate', eligibilityReason: 'Eligibility criteria changed; re-evaluating' });
    expect(events[0]!.data.enrollment, 'enrollment.created shows the enrollment the same way').to.deep.include({ id: plain.body.id, eligibilityStatus: 'candidate' });
  });
});
