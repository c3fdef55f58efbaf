import { expect } from 'chai';
import { TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { buildWorld } from '../support/World.js';
import { submit } from '../support/participationUpdates.js';

type Entry = { state: string; status: string; occurred_at: string | null; expected_at: string | null };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const plus = (time: string, ms: number) => new Date(Date.parse(time) + ms).toISOString().replace('.000Z', 'Z');

describeOnEachStore('Expected times of the timeline (issue 12, item 4)', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store);
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('gives every entry of a new participation an expected_at, from the documented defaults', async () => {
    server.clock.set('2025-01-01T09:00:00Z');
    const world = await buildWorld(server, 'Expectant Energy');
    const read = await server.get(`/vpp-participations/${world.participationId}`, { key: world.key });
    const timeline: Entry[] = read.body.participation_state;
    const start = '2025-01-01T09:00:00Z';
    // ENROLMENT_REQUESTED PT5M, AWAITING_CONSENT P3D, AWAITING_TELEMETRY P1D, CONFIRMING_DISPATCH PT1H, AWAITING_ELIGIBILITY P5D,
    // AWAITING_REGISTRATION P10D, REGISTERED P1D.
    const steps = [0, 5 * MINUTE, 3 * DAY, DAY, HOUR, 5 * DAY, 10 * DAY, DAY];
    let at = start;
    const expected = steps.map((step) => (at = plus(at, step)));
    expect(timeline.map((entry) => [entry.state, entry.status, entry.expected_at])).to.deep.equal([
      ['ENROLMENT_REQUESTED', 'IN_PROGRESS', expected[0]],
      ['AWAITING_CONSENT', 'PENDING', expected[1]],
      ['AWAITING_TELEMETRY', 'PENDING', expected[2]],
      ['CONFIRMING_DISPATCH', 'PENDING', expected[3]],
      ['AWAITING_ELIGIBILITY', 'PENDING', expected[4]],
      ['AWAITING_REGISTRATION', 'PENDING', expected[5]],
      ['REGISTERED', 'PENDING', expected[6]],
      ['ACTIVE', 'PENDING', expected[7]],
    ]);
  });

  it('follows the program instance’s own durations, from the time each state was entered, in both vocabularies', async () => {
    server.clock.set('2025-02-01T09:00:00Z');
    const world = await buildWorld(server, 'Configured Energy');
    const settings = { meterAccessRequired: true, expectedDurations: { AWAITING_CONSENT: 'PT12H', AWAITING_TELEMETRY: 'PT30M', AWAITING_METER_ACCESS: 'P2DT6H' } };
    const patched = await server.patch(`/programInstances/${world.instanceId}`, { key: world.key, body: settings });
    expect([patched.status, patched.body.expectedDurations]).to.deep.equal([200, settings.expectedDurations]);

    server.clock.set('2025-02-01T10:00:00Z');
    const consenting = await submit(server, world, world.participationId, { participation_state: [{ state: 'AWAITING_CONSENT' }] });
    const timeline: Entry[] = consenting.body.participation_state;
    expect(timeline.slice(1, 5).map((entry) => [entry.state, entry.status, entry.occurred_at, entry.expected_at])).to.deep.equal([
      ['AWAITING_CONSENT', 'IN_PROGRESS', '2025-02-01T10:00:00Z', '2025-02-01T09:05:00Z'],
      ['AWAITING_TELEMETRY', 'PENDING', null, '2025-02-01T22:00:00Z'],
      ['AWAITING_METER_ACCESS', 'PENDING', null, '2025-02-01T22:30:00Z'],
      ['CONFIRMING_DISPATCH', 'PENDING', null, '2025-02-04T04:30:00Z'],
    ]);
    const v2 = await server.get(`/vpp-participations/${world.participationId}`, { key: world.key, headers: { 'Flexroll-Version': '2' } });
    expect(v2.body.participation_state.slice(2, 4).map((entry: Entry) => [entry.state, entry.expected_at])).to.deep.equal([
      ['AWAITING_DEVICE_TELEMETRY', '2025-02-01T22:00:00Z'], ['AWAITING_LOCATION_TELEMETRY', '2025-02-01T22:30:00Z'],
    ]);
  });

  it('expects a suspension to lift after a day, and a wind-down to take the notice period', async () => {
    server.clock.set('2025-03-01T09:00:00Z');
    const world = await buildWorld(server, 'Leaving Energy');
    await server.patch(`/programInstances/${world.instanceId}`, { key: world.key, body: { noticePeriodDays: 14 } });
    const path = ['AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE'];
    await submit(server, world, world.participationId, { participation_state: path.map((state) => ({ state })) });
    server.clock.set('2025-03-02T09:00:00Z');
    const paused = await submit(server, world, world.participationId, { participation_state: [{ state: 'SUSPENDED', suspension_reasons: ['CUSTOMER_REQUEST'] }] });
    expect(paused.body.participation_state.at(-1)).to.deep.include({ state: 'ACTIVE', status: 'PENDING', expected_at: '2025-03-03T09:00:00Z' });
    const leaving = await submit(server, world, world.participationId, { participation_state: [{ state: 'UNENROLMENT_REQUESTED' }, { state: 'WINDING_DOWN' }] });
    expect(leaving.body.participation_state.at(-1)).to.deep.include({ state: 'UNENROLLED', status: 'PENDING', expected_at: '2025-03-16T09:00:00Z' });
  });
});
