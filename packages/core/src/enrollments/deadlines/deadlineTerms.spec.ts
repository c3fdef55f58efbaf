import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { PARTICIPATION_STATES, type ParticipationSnapshot, type ParticipationState, type SuspensionReason } from '@flexroll/sdk';
import { EXPECTABLE_STATES } from '../../programs/index.js';
import { CLOCK_PAUSING_REASONS, deadlineId, deadlineTerms, type DeadlineInstance, type StepStart } from './deadlineTerms.js';
import type { DeadlineTerms } from './Deadline.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = '2026-03-02T09:00:00.000Z';
const at = (ms: number): string => new Date(Date.parse(T0) + ms).toISOString();
const DEFAULTS: DeadlineInstance = { noticePeriodDays: 30 };
const snapshot = (state: ParticipationState, suspensionReasons: readonly SuspensionReason[] = []): ParticipationSnapshot => ({ state, suspensionReasons });
const entering = (to: ParticipationSnapshot, more: Partial<StepStart> = {}): StepStart => ({ participationId: 'vpo_1', from: 'ACTIVE', to, occurredAt: T0, rewardsSettled: false, ...more });

describe(deadlineTerms.name, () => {
  describe('having a step begin', () => {
    it('when the state has an expected duration, fixes its terms: id, start, expectedAt, dueSoonAt a lead time before, who it waits on, alerts', () => {
      expect(deadlineTerms(entering(snapshot('AWAITING_CONSENT'), { from: 'ENROLMENT_REQUESTED' }), DEFAULTS)).to.deep.equal({
        id: deadlineId('vpo_1', 'AWAITING_CONSENT', T0), state: 'AWAITING_CONSENT', enteredAt: T0,
        expectedAt: at(3 * DAY), dueSoonAt: at(2 * DAY), waitingOn: 'customer', alerts: true,
      });
    });

    it('when it is the first step, at creation, works the same way from nothing', () => {
      const terms = deadlineTerms({ participationId: 'vpo_1', to: snapshot('ENROLMENT_REQUESTED'), occurredAt: T0, rewardsSettled: false }, DEFAULTS);
      expect(terms).to.deep.include({ state: 'ENROLMENT_REQUESTED', enteredAt: T0, expectedAt: at(5 * MINUTE), waitingOn: 'workspace' });
    });

    it('gives terms in exactly the states with an expected duration (and someone to wait on)', () => {
      const timed = PARTICIPATION_STATES.filter((state) => deadlineTerms(entering(snapshot(state, state === 'SUSPENDED' ? ['AWAITING_TELEMETRY'] : [])), DEFAULTS) !== undefined);
      expect(timed).to.deep.equal(EXPECTABLE_STATES);
      expect(deadlineTerms(entering(snapshot('SUSPENDED')), DEFAULTS), 'SUSPENDED with no reason waits on nobody').to.equal(undefined);
    });

    it('reads the instance’s durations, lead time and alerting states as they are at the step’s start', () => {
      const instance: DeadlineInstance = { noticePeriodDays: 7, expectedDurations: { AWAITING_REGISTRATION: 'P2D' }, deadlines: { leadTime: 'PT6H', alertStates: ['AWAITING_CONSENT'] } };
      expect(deadlineTerms(entering(snapshot('AWAITING_REGISTRATION')), instance)).to.deep.include({ expectedAt: at(2 * DAY), dueSoonAt: at(2 * DAY - 6 * HOUR), waitingOn: 'operator', alerts: false });
      expect(deadlineTerms(entering(snapshot('WINDING_DOWN')), instance)).to.deep.include({ expectedAt: at(7 * DAY), waitingOn: 'operator', alerts: false });
      expect(deadlineTerms(entering(snapshot('AWAITING_CONSENT')), instance)).to.deep.include({ alerts: true });
    });

    it('when the lead time is zero, or not shorter than the expected duration, announces nothing due soon (no dueSoonAt)', () => {
      expect(deadlineTerms(entering(snapshot('AWAITING_CONSENT')), { noticePeriodDays: 30, deadlines: { leadTime: 'PT0S' } })).to.not.have.property('dueSoonAt');
      expect(deadlineTerms(entering(snapshot('ENROLMENT_REQUESTED')), DEFAULTS), '24 h before a 5-minute step').to.not.have.property('dueSoonAt');
      expect(deadlineTerms(entering(snapshot('AWAITING_TELEMETRY')), DEFAULTS), 'a lead time of the whole step').to.not.have.property('dueSoonAt');
    });

    it('when WINDING_DOWN begins, waits on the operator unless the rewards are already settled, then on the platform', () => {
      expect(deadlineTerms(entering(snapshot('WINDING_DOWN')), DEFAULTS)?.waitingOn).to.equal('operator');
      expect(deadlineTerms(entering(snapshot('WINDING_DOWN'), { rewardsSettled: true }), DEFAULTS)?.waitingOn).to.equal('platform');
    });
  });

  describe('having SUSPENDED begin', () => {
    it('when no reason stops the clock, runs it and waits on whoever ends the first reason', () => {
      expect(deadlineTerms(entering(snapshot('SUSPENDED', ['AWAITING_DISPATCH'])), DEFAULTS)).to.deep.include({ expectedAt: at(DAY), waitingOn: 'operator' }).and.not.have.property('paused');
    });

    for (const reason of CLOCK_PAUSING_REASONS) {
      it(`when ${reason} is among the reasons, starts with the clock paused: the whole duration left, the step’s lead time kept`, () => {
        const terms = deadlineTerms(entering(snapshot('SUSPENDED', ['AWAITING_TELEMETRY', reason])), DEFAULTS);
        expect(terms).to.deep.include({ paused: { since: T0, remainingMs: DAY, leadTimeMs: DAY }, waitingOn: 'customer' });
        expect(terms).to.not.have.any.keys('expectedAt', 'dueSoonAt');
      });
    }

    it('pauses for OPERATOR_REQUEST and CUSTOMER_REQUEST only', () => {
      expect(CLOCK_PAUSING_REASONS).to.deep.equal(['OPERATOR_REQUEST', 'CUSTOMER_REQUEST']);
    });
  });

  describe('having the same SUSPENDED step go on (a reason raised or cleared)', () => {
    const instance: DeadlineInstance = { noticePeriodDays: 30, expectedDurations: { SUSPENDED: 'P2D' }, deadlines: { leadTime: 'PT12H' } };
    const begun = deadlineTerms(entering(snapshot('SUSPENDED', ['AWAITING_TELEMETRY'])), instance)!;
    const goOn = (open: DeadlineTerms | undefined, reasons: SuspensionReason[], when: number, settings = instance) =>
      deadlineTerms(entering(snapshot('SUSPENDED', reasons), { from: 'SUSPENDED', occurredAt: at(when), ...(open === undefined ? {} : { open }) }), settings);

    it('when the clock keeps running, keeps the id, start, expectedAt, dueSoonAt and alerting, and re-works who it waits on', () => {
      expect(begun).to.deep.include({ expectedAt: at(2 * DAY), dueSoonAt: at(2 * DAY - 12 * HOUR), waitingOn: 'customer' });
      const other = { noticePeriodDays: 30, deadlines: { leadTime: 'PT1H', alertStates: [] } } as const;
      expect(goOn(begun, ['AWAITING_TELEMETRY', 'AWAITING_CONSENT'], HOUR, other)).to.deep.equal(begun);
      expect(goOn(begun, ['AWAITING_DISPATCH'], HOUR, other)).to.deep.equal({ ...begun, waitingOn: 'operator' });
    });

    it('when a pausing reason is raised, stops the clock with the time that was left and the step’s lead time', () => {
      expect(goOn(begun, ['AWAITING_TELEMETRY', 'OPERATOR_REQUEST'], 10 * HOUR)).to.deep.equal({
        id: begun.id, state: 'SUSPENDED', enteredAt: T0, waitingOn: 'customer', alerts: true, paused: { since: at(10 * HOUR), remainingMs: 38 * HOUR, leadTimeMs: 12 * HOUR },
      });
    });

    it('when it is raised after expectedAt, stops the clock with nothing left (the deadline stays missed)', () => {
      expect(goOn(begun, ['CUSTOMER_REQUEST'], 3 * DAY)).to.deep.include({ paused: { since: at(3 * DAY), remainingMs: 0, leadTimeMs: 12 * HOUR }, waitingOn: 'customer' });
    });

    it('when another reason is raised or cleared while paused, stays paused from when it stopped', () => {
      const paused = goOn(begun, ['OPERATOR_REQUEST'], 10 * HOUR)!;
      expect(goOn(paused, ['AWAITING_DISPATCH', 'OPERATOR_REQUEST'], 20 * HOUR)).to.deep.equal({ ...paused, waitingOn: 'operator' });
      expect(goOn(paused, ['CUSTOMER_REQUEST'], 20 * HOUR)).to.deep.equal({ ...paused, waitingOn: 'customer' });
    });

    it('when the last pausing reason clears, starts the clock again for the time that was left: expectedAt now plus it', () => {
      const paused = goOn(begun, ['AWAITING_TELEMETRY', 'OPERATOR_REQUEST'], 10 * HOUR)!;
      const resumed = goOn(paused, ['AWAITING_TELEMETRY'], 5 * DAY, { noticePeriodDays: 30, deadlines: { leadTime: 'PT1H' } });
      expect(resumed).to.deep.equal({ id: begun.id, state: 'SUSPENDED', enteredAt: T0, waitingOn: 'customer', alerts: true, expectedAt: at(5 * DAY + 38 * HOUR), dueSoonAt: at(5 * DAY + 26 * HOUR) });
    });

    it('when a step that began paused resumes, runs for the whole duration with the lead time of its start', () => {
      const pausedFromStart = deadlineTerms(entering(snapshot('SUSPENDED', ['CUSTOMER_REQUEST'])), instance)!;
      expect(goOn(pausedFromStart, ['AWAITING_CONSENT'], DAY)).to.deep.include({ id: pausedFromStart.id, expectedAt: at(3 * DAY), dueSoonAt: at(3 * DAY - 12 * HOUR), waitingOn: 'customer' });
    });

    it('when it resumes with less time left than its lead time, announces nothing due soon', () => {
      const late = goOn(begun, ['OPERATOR_REQUEST'], 2 * DAY - HOUR)!;
      expect(goOn(late, ['AWAITING_TELEMETRY'], 3 * DAY)).to.deep.include({ expectedAt: at(3 * DAY + HOUR) }).and.not.have.property('dueSoonAt');
    });

    it('when the step had no deadline (it began before deadlines were kept), gives it none', () => {
      expect(goOn(undefined, ['AWAITING_TELEMETRY', 'OPERATOR_REQUEST'], HOUR)).to.equal(undefined);
    });
  });
});

describe(deadlineId.name, () => {
  it('is dl_ and the first 24 hex digits of the SHA-256 of participationId:state:enteredAt: the same step, the same id', () => {
    const expected = `dl_${createHash('sha256').update(`vpo_1:AWAITING_CONSENT:${T0}`).digest('hex').slice(0, 24)}`;
    expect(deadlineId('vpo_1', 'AWAITING_CONSENT', T0)).to.equal(expected).and.match(/^dl_[0-9a-f]{24}$/);
    expect(deadlineId('vpo_1', 'AWAITING_CONSENT', at(1))).to.not.equal(expected);
    expect(deadlineId('vpo_2', 'AWAITING_CONSENT', T0)).to.not.equal(expected);
    expect(deadlineId('vpo_1', 'AWAITING_TELEMETRY', T0)).to.not.equal(expected);
  });
});
