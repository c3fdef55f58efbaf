import { expect } from 'chai';
import { type DerivedDeadlineRecord, resolvePort, STORE_TOKENS } from '@flexroll/core';
import { TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';
import { buildWorld, type World } from './support/World.js';

/** The server's clock starts at 2025-01-01T09:00:00Z: these deadlines are missed, due soon, pending, paused and closed. */
function deadline(world: World, id: string, expectedAt: string | undefined, overrides: Partial<DerivedDeadlineRecord> = {}): DerivedDeadlineRecord {
  return {
    id, workspaceId: world.workspaceId, programInstanceId: world.instanceId, enrollmentId: world.enrollmentId, participationId: world.participationId, seq: 1,
    state: 'AWAITING_CONSENT', enteredAt: '2024-12-20T09:00:00.000Z', waitingOn: 'customer', alerts: true, status: 'pending', announced: {}, updatedAt: '2024-12-20T09:00:00.000Z',
    ...(expectedAt === undefined ? { paused: { since: '2024-12-21T09:00:00.000Z', remainingMs: 86_400_000 } } : { expectedAt, dueSoonAt: new Date(Date.parse(expectedAt) - 86_400_000).toISOString() }),
    ...overrides,
  };
}

describeOnEachStore('The overdue queue: GET …/deadlines, GET /deadlines, one deadline, acknowledge and snooze (issue 20)', (store) => {
  let server: TestServer;
  let world: World;
  let other: World;
  before(async () => {
    server = await TestServer.start(store);
    world = await buildWorld(server, 'Leap Energy');
    other = await buildWorld(server, 'Other Utility');
    await resolvePort(server.container, STORE_TOKENS.deadlines).write([
      deadline(world, 'dl_q_missed_old', '2024-12-25T09:00:00.000Z', { status: 'missed', waitingOn: 'operator', state: 'AWAITING_REGISTRATION', announced: { missed: '2024-12-25T09:00:00.000Z' } }),
      deadline(world, 'dl_q_due', '2025-01-01T20:00:00.000Z', { status: 'due_soon', announced: { dueSoon: '2024-12-31T20:00:00.000Z' } }),
      deadline(world, 'dl_q_pending', '2025-01-05T09:00:00.000Z'),
      deadline(world, 'dl_q_paused', undefined, { state: 'SUSPENDED', waitingOn: 'operator' }),
      deadline(world, 'dl_q_closed', '2024-12-22T09:00:00.000Z', { status: 'met', closedAt: '2024-12-21T09:00:00.000Z' }),
    ]);
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  const ids = (body: { data: Array<{ id: string }> }) => body.data.map((item) => item.id);

  it('lists an instance’s open deadlines most overdue first, the paused last, with the counts of what is due per waitingOn', async () => {
    const page = await server.get(`/programInstances/${world.instanceId}/deadlines`, { key: world.key });
    expect(page.status, JSON.stringify(page.body)).to.equal(200);
    const handSet = (listed: string[]) => listed.filter((id) => id.startsWith('dl_q_') || id === world.deadlineId);
    expect(handSet(ids(page.body)), 'the deadlines set by hand (the enrollment’s own is listed too)').to.deep.equal(['dl_q_missed_old', 'dl_q_due', world.deadlineId, 'dl_q_pending', 'dl_q_paused']);
    expect(page.body.counts, 'the world’s own missed deadline too').to.deep.equal({ customer: 2, operator: 1, workspace: 0, platform: 0 });
    expect([page.body.page, page.body.perPage, page.body.totalItems]).to.deep.equal([1, 20, page.body.data.length]);
    const first = page.body.data.find((item: { id: string }) => item.id === 'dl_q_missed_old');
    expect(first).to.include({ status: 'missed', waitingOn: 'operator', state: 'AWAITING_REGISTRATION', expectedAt: '2024-12-25T09:00:00.000Z' });
    expect(first).to.not.have.any.keys('workspaceId', 'seq');
  });

  it('filters by status, waitingOn, state and overdueBy, workspace-wide too, and pages by cursor', async () => {
    const get = async (path: string) => {
      const response = await server.get(path, { key: world.key });
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      return response.body;
    };
    expect(ids(await get(`/programInstances/${world.instanceId}/deadlines?status=met,missed&waitingOn=operator`))).to.deep.equal(['dl_q_missed_old']);
    expect(ids(await get(`/deadlines?state=SUSPENDED`))).to.deep.equal(['dl_q_paused']);
    expect(ids(await get(`/deadlines?programInstanceId=${world.instanceId}&status=met`))).to.deep.equal(['dl_q_closed']);
    expect(ids(await get(`/deadlines?overdueBy=P3D`))).to.include('dl_q_missed_old').and.not.include('dl_q_due');
    const cursor = await get('/deadlines?limit=1&waitingOn=customer&status=due_soon,pending');
    expect([ids(cursor), cursor.hasMore, cursor.counts.customer]).to.deep.equal([['dl_q_due'], true, 2]);
    expect(ids(await get(`/deadlines?limit=5&waitingOn=customer&status=due_soon,pending&after=${cursor.nextCursor}`))).to.deep.equal(['dl_q_pending']);
    const bad = await server.get(`/deadlines?overdueBy=3days&status=late`, { key: world.key });
    expect([bad.status, bad.body.error.details.map((issue: { field: string }) => issue.field).sort()]).to.deep.equal([400, ['/query/overdueBy', '/query/status']]);
    const unknownInstance = await server.get(`/programInstances/${other.instanceId}/deadlines`, { key: world.key });
    expect(unknownInstance.status).to.equal(404);
  });

  it('acknowledges and snoozes a deadline on the record only: the participation and its events stay as they were', async () => {
    const participation = await server.get(`/vpp-participations/${world.participationId}`, { key: world.key });
    const events = await server.get(`/events?enrollmentId=${world.enrollmentId}&perPage=100`, { key: world.key });
    const acknowledged = await server.post('/deadlines/dl_q_due/acknowledge', { key: world.key, body: { reason: 'Called the customer' } });
    expect(acknowledged.status, JSON.stringify(acknowledged.body)).to.equal(200);
    expect(acknowledged.body.acknowledgement).to.deep.include({ reason: 'Called the customer', at: '2025-01-01T09:00:00.000Z' });
    const snoozed = await server.post('/deadlines/dl_q_due/snooze', { key: world.key, body: { reason: 'The installer comes on Friday', until: '2025-01-03T09:00:00Z' } });
    expect([snoozed.status, snoozed.body.snooze?.until, snoozed.body.acknowledgement?.reason]).to.deep.equal([200, '2025-01-03T09:00:00.000Z', 'Called the customer']);
    expect(ids((await server.get(`/programInstances/${world.instanceId}/deadlines`, { key: world.key })).body)).to.not.include('dl_q_due');
    expect(ids((await server.get(`/programInstances/${world.instanceId}/deadlines?snoozed=include`, { key: world.key })).body)).to.include('dl_q_due');
    expect((await server.get(`/programInstances/${world.instanceId}/deadlines`, { key: world.key })).body.counts.customer, 'a snoozed deadline is not counted').to.equal(1);
    expect((await server.get(`/vpp-participations/${world.participationId}`, { key: world.key })).body).to.deep.equal(participation.body);
    expect((await server.get(`/events?enrollmentId=${world.enrollmentId}&perPage=100`, { key: world.key })).body).to.deep.equal(events.body);
    expect((await server.get('/deadlines/dl_q_due', { key: world.key })).body).to.deep.equal(snoozed.body);
  });

  it('has the deadline of an enrollment’s step in progress, written from its projection, on its detail and in the queue', async () => {
    const enrollment = await server.get(`/enrollments/${world.enrollmentId}`, { key: world.key });
    expect(enrollment.status).to.equal(200);
    const open = enrollment.body.deadline as { id: string; state: string; status: string } | null;
    expect(open, JSON.stringify(enrollment.body)).to.not.equal(null);
    const stored = await server.get(`/deadlines/${open!.id}`, { key: world.key });
    expect([stored.status, stored.body.state, stored.body.status, stored.body.enrollmentId]).to.deep.equal([200, open!.state, open!.status, world.enrollmentId]);
    const listed = await server.get(`/programInstances/${world.instanceId}/deadlines?perPage=100&snoozed=include`, { key: world.key });
    expect(ids(listed.body)).to.include(open!.id);
  });

  it('refuses a snooze in the past or more than a year ahead and an empty reason, naming the field; another workspace’s deadline is a 404', async () => {
    const past = await server.post('/deadlines/dl_q_pending/snooze', { key: world.key, body: { reason: 'x', until: '2024-12-31T09:00:00Z' } });
    const far = await server.post('/deadlines/dl_q_pending/snooze', { key: world.key, body: { reason: 'x', until: '2026-01-02T09:00:00Z' } });
    const blank = await server.post('/deadlines/dl_q_pending/acknowledge', { key: world.key, body: { reason: '   ' } });
    expect([past, far, blank].map((response) => [response.status, response.body.error.details[0].field, response.body.error.details[0].rule])).to.deep.equal([
      [422, '/until', 'future'], [422, '/until', 'maximum'], [422, '/reason', 'required'],
    ]);
    const foreign = await server.post('/deadlines/dl_q_pending/acknowledge', { key: other.key, body: { reason: 'not mine' } });
    const missing = await server.post('/deadlines/dl_000000000000000000000000/acknowledge', { key: other.key, body: { reason: 'not mine' } });
    expect([foreign.status, foreign.body.error.code]).to.deep.equal([missing.status, missing.body.error.code]);
    expect(foreign.status).to.equal(404);
    expect((await server.get('/deadlines/dl_q_pending', { key: other.key })).status).to.equal(404);
  });
});
