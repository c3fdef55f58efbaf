import { expect } from 'chai';
import { PARTICIPATION_STATES, type ParticipationState } from '@flexroll/sdk';
import { closeDeadline, isProgress } from './closeDeadline.js';
import type { Deadline } from './Deadline.js';

const T0 = '2026-03-02T09:00:00.000Z';
const at = (ms: number): string => new Date(Date.parse(T0) + ms).toISOString();
const HOUR = 3_600_000;
const open = (state: ParticipationState, more: Partial<Deadline> = {}): Deadline => ({
  id: 'dl_000000000000000000000001', state, enteredAt: T0, expectedAt: at(10 * HOUR), dueSoonAt: at(8 * HOUR), waitingOn: 'operator', alerts: true, status: 'pending', announced: {}, ...more,
});

describe(isProgress.name, () => {
  // Spelled out on purpose: what counts as the step done, per state left.
  const PROGRESS: Partial<Record<ParticipationState, readonly ParticipationState[]>> = {
    ENROLMENT_REQUESTED: ['AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'AWAITING_METER_ACCESS', 'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE'],
    AWAITING_TELEMETRY: ['AWAITING_METER_ACCESS', 'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE'],
    AWAITING_ELIGIBILITY: ['AWAITING_REGISTRATION', 'REGISTERED', 'INELIGIBLE', 'ACTIVE'],
    AWAITING_REGISTRATION: ['REGISTERED', 'INELIGIBLE', 'ACTIVE'],
    REGISTERED: ['ACTIVE'],
    SUSPENDED: ['ACTIVE'],
    UNENROLMENT_REQUESTED: ['WINDING_DOWN', 'UNENROLLED'],
    WINDING_DOWN: ['UNENROLLED'],
  };
  for (const [from, expected] of Object.entries(PROGRESS) as [ParticipationState, readonly ParticipationState[]][]) {
    it(`when leaving ${from}, counts ${expected.join(', ')} as progress and nothing else`, () => {
      expect(PARTICIPATION_STATES.filter((to) => isProgress(from, to))).to.have.members([...expected]);
    });
  }

  it('never counts FAILED, OFFBOARDED, enrolment starting over, or unenrolment from enrolment or participation as progress', () => {
    for (const from of PARTICIPATION_STATES) {
      for (const to of ['FAILED', 'OFFBOARDED', 'ENROLMENT_REQUESTED'] as const) expect(isProgress(from, to), `${from} → ${to}`).to.equal(false);
      if (from !== 'UNENROLMENT_REQUESTED' && from !== 'WINDING_DOWN') expect(isProgress(from, 'UNENROLMENT_REQUESTED'), `${from} → UNENROLMENT_REQUESTED`).to.equal(false);
    }
  });
});

describe(closeDeadline.name, () => {
  it('when the participation moves on by expectedAt (to the millisecond), closes it met at the move', () => {
    expect(closeDeadline(open('AWAITING_REGISTRATION'), 'REGISTERED', at(HOUR))).to.deep.equal({ ...open('AWAITING_REGISTRATION'), status: 'met', closedAt: at(HOUR) });
    expect(closeDeadline(open('AWAITING_REGISTRATION'), 'REGISTERED', at(10 * HOUR)).status).to.equal('met');
  });

  it('when it moves on after expectedAt, closes it met_late, keeping what was announced', () => {
    const missed = open('AWAITING_ELIGIBILITY', { status: 'missed', announced: { dueSoon: at(8 * HOUR), missed: at(10 * HOUR) } });
    expect(closeDeadline(missed, 'AWAITING_REGISTRATION', at(10 * HOUR + 1))).to.deep.equal({ ...missed, status: 'met_late', closedAt: at(10 * HOUR + 1) });
  });

  it('when the operator answers no (INELIGIBLE from its checks), counts the answer as the step done', () => {
    expect(closeDeadline(open('AWAITING_ELIGIBILITY'), 'INELIGIBLE', at(HOUR)).status).to.equal('met');
    expect(closeDeadline(open('AWAITING_REGISTRATION'), 'INELIGIBLE', at(11 * HOUR)).status).to.equal('met_late');
  });

  it('when SUSPENDED ends in ACTIVE, is met; when it ends in unenrolment, is cancelled', () => {
    expect(closeDeadline(open('SUSPENDED'), 'ACTIVE', at(HOUR)).status).to.equal('met');
    expect(closeDeadline(open('SUSPENDED'), 'UNENROLMENT_REQUESTED', at(HOUR)).status).to.equal('cancelled');
  });

  it('when the participation leaves some other way, is cancelled, early or late, announced or not', () => {
    expect(closeDeadline(open('AWAITING_CONSENT'), 'FAILED', at(HOUR))).to.deep.include({ status: 'cancelled', closedAt: at(HOUR) });
    expect(closeDeadline(open('AWAITING_CONSENT', { status: 'missed', announced: { missed: at(10 * HOUR) } }), 'UNENROLMENT_REQUESTED', at(20 * HOUR))).to.deep.include({ status: 'cancelled', announced: { missed: at(10 * HOUR) } });
    expect(closeDeadline(open('WINDING_DOWN'), 'OFFBOARDED', at(HOUR)).status).to.equal('cancelled');
  });

  it('when its clock was paused, is met by progress whenever it comes (no clock ran out), and cancelled otherwise', () => {
    const { expectedAt: _expectedAt, dueSoonAt: _dueSoonAt, ...running } = open('SUSPENDED');
    const paused: Deadline = { ...running, paused: { since: at(HOUR), remainingMs: 9 * HOUR, leadTimeMs: 2 * HOUR } };
    expect(closeDeadline(paused, 'ACTIVE', at(1000 * HOUR))).to.deep.equal({ ...paused, status: 'met', closedAt: at(1000 * HOUR) });
    expect(closeDeadline(paused, 'OFFBOARDED', at(2 * HOUR)).status).to.equal('cancelled');
  });
});
