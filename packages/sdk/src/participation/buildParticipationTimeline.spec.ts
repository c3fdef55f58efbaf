import { expect } from 'chai';
import { entry, SEED_001_ACTIVE_AT, SEED_001_ACTIVE_EXPECTED_AT, SEED_001_DEVICE_ID, SEED_001_PARTICIPATION_ID, seed001Enrolment, seed001Suspended } from '../test-support/participationHistories.js';
import { readFixture } from '../test-support/paths.js';
import { buildParticipationTimeline } from './buildParticipationTimeline.js';
import { PARTICIPATION_STATE_DEFINITIONS } from './states.js';

const states = (timeline: readonly { state: string }[]): string[] => timeline.map((item) => item.state);
const statuses = (timeline: readonly { status: string }[]): string[] => timeline.map((item) => item.status);

describe(buildParticipationTimeline.name, () => {
  describe('having seed 001’s example participation, now ACTIVE', () => {
    const timeline = buildParticipationTimeline(seed001Enrolment(), { expectedDurations: { REGISTERED: 60_000 } });

    it('when called, lists the past COMPLETE and ACTIVE IN_PROGRESS, with nothing PENDING', () => {
      expect(statuses(timeline)).to.deep.equal([...Array<string>(7).fill('COMPLETE'), 'IN_PROGRESS']);
      expect(timeline.at(-1)).to.deep.equal({
        state: 'ACTIVE', status: 'IN_PROGRESS', description: 'Your device is active and taking part in the programme.',
        occurred_at: SEED_001_ACTIVE_AT, expected_at: SEED_001_ACTIVE_EXPECTED_AT, suspension_reasons: [],
      });
    });

    it('when called, gives each entry exactly the fields of seed 001’s example, in its order', () => {
      const text = readFixture('seed-001-vpp-participation.txt');
      const example = JSON.parse(text.slice(text.indexOf('{\n'), text.indexOf('\n}\n') + 2)) as { participation_state: object[]; id: string; device_id: string; time_updated: string };
      expect([example.id, example.device_id, example.time_updated]).to.deep.equal([SEED_001_PARTICIPATION_ID, SEED_001_DEVICE_ID, SEED_001_ACTIVE_AT]);
      for (const item of timeline) expect(Object.keys(item)).to.deep.equal(Object.keys(example.participation_state[0]!));
    });

    it('when called without durations, leaves expected_at null but for the first entry, expected when it occurred', () => {
      expect(buildParticipationTimeline(seed001Enrolment()).map((item) => item.expected_at)).to.deep.equal(['2023-11-07T05:00:00Z', ...Array<null>(7).fill(null)]);
    });
  });

  describe('having a participation AWAITING_CONSENT', () => {
    const history = seed001Enrolment('AWAITING_CONSENT');
    const happyPath = ['AWAITING_TELEMETRY', 'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE'];

    it('when called without the meter step, expects the happy path to ACTIVE as PENDING', () => {
      const timeline = buildParticipationTimeline(history);
      expect(states(timeline)).to.deep.equal(['ENROLMENT_REQUESTED', 'AWAITING_CONSENT', ...happyPath]);
      expect(statuses(timeline)).to.deep.equal(['COMPLETE', 'IN_PROGRESS', ...happyPath.map(() => 'PENDING')]);
      expect(timeline.slice(2).every((item) => item.occurred_at === null)).to.equal(true);
    });

    it('when called with meter access required, expects AWAITING_METER_ACCESS after the telemetry', () => {
      expect(states(buildParticipationTimeline(history, { meterAccessRequired: true })).slice(2, 5)).to.deep.equal(['AWAITING_TELEMETRY', 'AWAITING_METER_ACCESS', 'CONFIRMING_DISPATCH']);
    });

    it('when called with meter access required but already available, leaves the meter step out', () => {
      expect(states(buildParticipationTimeline(history, { meterAccessRequired: true, meterAccessAvailable: true }))).to.not.include('AWAITING_METER_ACCESS');
    });

    it('when called with durations, chains expected_at through the PENDING entries', () => {
      const minute = 60_000;
      const timeline = buildParticipationTimeline(history, { expectedDurations: { ENROLMENT_REQUESTED: 1000, AWAITING_CONSENT: 10 * minute, AWAITING_TELEMETRY: 5 * minute } });
      expect(timeline.map((item) => item.expected_at).slice(0, 5)).to.deep.equal([
        '2023-11-07T05:00:00Z', '2023-11-07T05:00:01Z', '2023-11-07T05:10:01Z', '2023-11-07T05:15:01Z', null,
      ]);
    });
  });

  describe('having a participation waiting for its meter', () => {
    const history = [...seed001Enrolment('AWAITING_TELEMETRY'), entry('AWAITING_METER_ACCESS', '2023-11-07T05:15:00Z')];
    it('when called, shows the meter step IN_PROGRESS and does not expect it again', () => {
      const timeline = buildParticipationTimeline(history, { meterAccessRequired: true });
      expect(timeline[3]).to.include({ state: 'AWAITING_METER_ACCESS', status: 'IN_PROGRESS', occurred_at: '2023-11-07T05:15:00Z' });
      expect(states(timeline).filter((state) => state === 'AWAITING_METER_ACCESS')).to.have.length(1);
      expect(timeline[4]).to.include({ state: 'CONFIRMING_DISPATCH', status: 'PENDING' });
    });
    it('when called for a later state, does not expect a meter step already passed', () => {
      const later = [...history, entry('CONFIRMING_DISPATCH', '2023-11-07T05:20:00Z')];
      expect(buildParticipationTimeline(later, { meterAccessRequired: true }).filter((item) => item.state === 'AWAITING_METER_ACCESS').map((item) => item.status)).to.deep.equal(['COMPLETE']);
    });
  });

  describe('having a SUSPENDED participation whose reasons changed', () => {
    it('when called, merges the SUSPENDED entries: first occurred_at, latest reasons, ACTIVE PENDING', () => {
      const timeline = buildParticipationTimeline(seed001Suspended());
      expect(states(timeline).slice(-3)).to.deep.equal(['ACTIVE', 'SUSPENDED', 'ACTIVE']);
      expect(timeline.at(-2)).to.deep.equal({
        state: 'SUSPENDED', status: 'IN_PROGRESS', description: PARTICIPATION_STATE_DEFINITIONS.SUSPENDED.customerMessage,
        occurred_at: '2023-11-08T09:00:00Z', expected_at: null, suspension_reasons: ['AWAITING_TELEMETRY'],
      });
      expect(timeline.at(-1)).to.include({ state: 'ACTIVE', status: 'PENDING' });
    });
    it('when the suspension has been lifted, shows it COMPLETE with its last reasons', () => {
      const timeline = buildParticipationTimeline([...seed001Suspended(), entry('ACTIVE', '2023-11-08T12:00:00Z')]);
      expect(statuses(timeline).slice(-3)).to.deep.equal(['COMPLETE', 'COMPLETE', 'IN_PROGRESS']);
      expect(timeline.at(-2)?.suspension_reasons).to.deep.equal(['AWAITING_TELEMETRY']);
    });
  });

  describe('having a participation leaving the programme', () => {
    const leaving = [...seed001Enrolment(), entry('UNENROLMENT_REQUESTED', '2023-12-01T00:00:00Z')];
    it('when called at UNENROLMENT_REQUESTED, expects WINDING_DOWN and UNENROLLED', () => {
      expect(buildParticipationTimeline(leaving).slice(-3).map((item) => [item.state, item.status])).to.deep.equal([
        ['UNENROLMENT_REQUESTED', 'IN_PROGRESS'], ['WINDING_DOWN', 'PENDING'], ['UNENROLLED', 'PENDING'],
      ]);
    });
    it('when called at UNENROLLED or OFFBOARDED, expects nothing more', () => {
      const unenrolled = [...leaving, entry('WINDING_DOWN', '2023-12-02T00:00:00Z'), entry('UNENROLLED', '2024-01-01T00:00:00Z')];
      expect(buildParticipationTimeline(unenrolled).at(-1)).to.include({ state: 'UNENROLLED', status: 'IN_PROGRESS' });
      expect(buildParticipationTimeline([...unenrolled, entry('OFFBOARDED', '2024-02-01T00:00:00Z')]).at(-1)).to.include({ state: 'OFFBOARDED', status: 'IN_PROGRESS' });
    });
  });

  describe('having a participation that ended in a terminal state', () => {
    it('when called for INELIGIBLE or FAILED, shows it IN_PROGRESS with nothing PENDING', () => {
      for (const end of ['INELIGIBLE', 'FAILED'] as const) {
        const timeline = buildParticipationTimeline([...seed001Enrolment('AWAITING_ELIGIBILITY'), entry(end, '2023-11-07T06:00:00Z')]);
        expect(timeline.at(-1)).to.include({ state: end, status: 'IN_PROGRESS' });
        expect(statuses(timeline)).to.not.include('PENDING');
      }
    });
  });

  describe('having options that override messages and times in other forms', () => {
    it('when called with a message for a state, uses it there only', () => {
      const timeline = buildParticipationTimeline(seed001Enrolment('REGISTERED'), { messages: { ACTIVE: 'Your battery is live with Leap.' } });
      expect(timeline.at(-1)?.description).to.equal('Your battery is live with Leap.');
      expect(timeline.at(-2)?.description).to.equal('Good news, your device is registered.');
    });
    it('when called with offsets and milliseconds, writes UTC and keeps the milliseconds', () => {
      const timeline = buildParticipationTimeline([entry('ENROLMENT_REQUESTED', '2023-11-07T06:31:56+01:00'), entry('AWAITING_CONSENT', '2023-11-07T05:31:56.250Z')]);
      expect(timeline.slice(0, 2).map((item) => item.occurred_at)).to.deep.equal(['2023-11-07T05:31:56Z', '2023-11-07T05:31:56.250Z']);
    });
  });
});
