import { expect } from 'chai';
import { PARTICIPATION_STATE_DEFINITIONS } from '@flexroll/sdk';
import { TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { buildWorld, type World } from '../support/World.js';
import { SEED_001_ACTIVE_ENTRY, submit } from '../support/participationUpdates.js';

/** Seed 001's device's enrolment as a provider reports it: seed 001's timeline shape, its own times, ACTIVE still PENDING. */
const ENROLMENT_REPORT = [
  ['ENROLMENT_REQUESTED', '2023-11-07T05:00:00Z'],
  ['AWAITING_CONSENT', '2023-11-07T05:00:01Z'],
  ['AWAITING_TELEMETRY', '2023-11-07T05:10:00Z'],
  ['CONFIRMING_DISPATCH', '2023-11-07T05:20:00Z'],
  ['AWAITING_ELIGIBILITY', '2023-11-07T05:20:05Z'],
  ['AWAITING_REGISTRATION', '2023-11-07T05:25:00Z'],
  ['REGISTERED', '2023-11-07T05:29:02Z'],
].map(([state, at], index, all) => ({
  state: state!,
  status: index === all.length - 1 ? 'IN_PROGRESS' : 'COMPLETE',
  description: 'What the provider shows its customer',
  occurred_at: at!,
  expected_at: null,
  suspension_reasons: [],
}));

describeOnEachStore('Timeline entries in seed 001’s shape, with the provider’s times (issue 12, item 2)', (store) => {
  let server: TestServer;
  let world: World;
  before(async () => {
    server = await TestServer.start(store);
    server.clock.set('2023-11-07T05:00:00Z');
    world = await buildWorld(server, 'Timely Energy');
    // Seed 001's example expects ACTIVE a minute after REGISTERED (05:29:02 → 05:30:02).
    expect((await server.patch(`/programInstances/${world.instanceId}`, { key: world.key, body: { expectedDurations: { REGISTERED: 'PT1M' } } })).status).to.equal(200);
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('accepts a whole timeline, records each state at the provider’s time, skips the PENDING entry and says what it ignored', async () => {
    server.clock.set('2023-11-07T05:30:00Z');
    const body = { reference_id: 'AZ01346701301', participation_state: [...ENROLMENT_REPORT, { state: 'ACTIVE', status: 'PENDING', description: 'Soon', occurred_at: null, expected_at: '2023-11-07T05:30:02Z', suspension_reasons: [] }] };
    const reported = await submit(server, world, world.participationId, body);
    expect(reported.status, JSON.stringify(reported.body)).to.equal(200);
    expect(reported.body).to.deep.include({ current_state: 'REGISTERED', reference_id: 'AZ01346701301' });
    const timeline: { state: string; status: string; occurred_at: string | null; description: string }[] = reported.body.participation_state;
    expect(timeline.map((entry) => [entry.state, entry.occurred_at])).to.deep.equal([...ENROLMENT_REPORT.map((entry) => [entry.state, entry.occurred_at]), ['ACTIVE', null]]);
    expect(timeline.map((entry) => entry.description)).to.deep.equal(timeline.map((entry) => PARTICIPATION_STATE_DEFINITIONS[entry.state as 'ACTIVE'].customerMessage));
    const ignored = reported.headers.get('flexroll-ignored-fields')!.split(', ');
    expect(ignored).to.deep.equal([...ENROLMENT_REPORT.flatMap((_, i) => [`/participation_state/${i}/description`, `/participation_state/${i}/expected_at`]), '/participation_state/7']);
  });

  it('takes seed 001’s example entry as it is: ACTIVE at 05:31:56, expected at 05:30:02, the enrollment started then', async () => {
    server.clock.set('2023-11-07T05:32:00Z');
    const active = await submit(server, world, world.participationId, { participation_state: [SEED_001_ACTIVE_ENTRY] });
    expect(active.status, JSON.stringify(active.body)).to.equal(200);
    expect(active.body.participation_state.at(-1)).to.deep.equal({
      ...SEED_001_ACTIVE_ENTRY, status: 'IN_PROGRESS', description: PARTICIPATION_STATE_DEFINITIONS.ACTIVE.customerMessage,
    });
    expect(active.body.time_updated).to.equal('2023-11-07T05:31:56.000Z');
    expect(active.headers.get('flexroll-ignored-fields')).to.equal('/participation_state/0/description, /participation_state/0/expected_at');
    const enrollment = await server.get(`/enrollments/${world.enrollmentId}`, { key: world.key });
    expect(enrollment.body.enrollmentStartDate).to.equal('2023-11-07T05:31:56.000Z');
    const events = await server.get(`/events?enrollmentId=${world.enrollmentId}&perPage=100`, { key: world.key });
    const times: string[] = events.body.data.map((event: { occurredAt: string }) => event.occurredAt);
    expect(times, 'times never go back along the log').to.deep.equal([...times].sort());
    expect(events.body.data.filter((event: { type: string }) => event.type === 'participation.state_changed').at(-1).occurredAt).to.equal('2023-11-07T05:31:56.000Z');
  });

  it('records a time a little ahead of the platform’s clock (within the 5-minute allowance) as now', async () => {
    server.clock.set('2023-11-07T06:00:00Z');
    const paused = await submit(server, world, world.participationId, { participation_state: [{ state: 'SUSPENDED', suspension_reasons: ['CUSTOMER_REQUEST'], occurred_at: '2023-11-07T06:04:00Z' }] });
    expect(paused.status, JSON.stringify(paused.body)).to.equal(200);
    expect(paused.body.participation_state.find((entry: { state: string }) => entry.state === 'SUSPENDED').occurred_at).to.equal('2023-11-07T06:00:00Z');
    expect(paused.headers.get('flexroll-ignored-fields'), 'nothing ignored, no header').to.equal(null);
  });

  it('replays the ignored fields with the answer for a repeated Idempotency-Key', async () => {
    server.clock.set('2023-11-07T07:00:00Z');
    const headers = { 'Idempotency-Key': 'resume-after-pause' };
    const body = { participation_state: [{ state: 'ACTIVE', status: 'IN_PROGRESS', description: 'Back on', occurred_at: '2023-11-07T06:30:00Z' }] };
    const first = await submit(server, world, world.participationId, body, { headers });
    const replay = await submit(server, world, world.participationId, body, { headers });
    expect([first.status, replay.status, replay.headers.get('idempotent-replayed')]).to.deep.equal([200, 200, 'true']);
    expect(replay.body).to.deep.equal(first.body);
    expect([first.headers.get('flexroll-ignored-fields'), replay.headers.get('flexroll-ignored-fields')]).to.deep.equal(['/participation_state/0/description', '/participation_state/0/description']);
    expect(first.body.participation_state.at(-1)).to.deep.include({ state: 'ACTIVE', status: 'IN_PROGRESS', occurred_at: '2023-11-07T06:30:00Z' });
  });
});
