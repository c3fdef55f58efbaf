import { expect } from 'chai';
import { expectInputError } from '../test-support/expectInputError.js';
import { ENROLMENT_HAPPY_PATH, UNENROLMENT_PATH } from './expectedPendingStates.js';
import {
  isLeaving, isParticipating, LEAVING_STATES, PARTICIPATING_STATES, statesBetween, statesOfKind, statesOfPhase, TERMINAL_STATES,
} from './stateGroups.js';
import { PARTICIPATION_STATES, type ParticipationState } from './states.js';
import { FAILABLE_STATES } from './transitions.js';

// The expected groups are spelled here on purpose: they are what seed 000 says, checked against what is derived.
describe('the participation state groups', () => {
  describe('having the phases and kinds of seed 000', () => {
    it('when grouped by phase, give the seed’s three tables in lifecycle order (FAILED with Enrolment)', () => {
      expect(statesOfPhase('Participation')).to.deep.equal(['ACTIVE', 'SUSPENDED']);
      expect(statesOfPhase('Unenrolment')).to.deep.equal(['UNENROLMENT_REQUESTED', 'WINDING_DOWN', 'UNENROLLED', 'OFFBOARDED']);
      expect(statesOfPhase('Enrolment')).to.have.length(10).and.to.include.members(['INELIGIBLE', 'FAILED']);
    });

    it('when grouped by kind, cover every state once', () => {
      const kinds = (['Transient', 'Resting', 'Terminal'] as const).flatMap((kind) => statesOfKind(kind));
      expect([...kinds].sort()).to.deep.equal([...PARTICIPATION_STATES].sort());
      expect(statesOfKind('Transient')).to.deep.equal(['ENROLMENT_REQUESTED', 'CONFIRMING_DISPATCH', 'REGISTERED', 'UNENROLMENT_REQUESTED', 'WINDING_DOWN']);
    });

    it('name the groups rules speak of', () => {
      expect(PARTICIPATING_STATES).to.deep.equal(['ACTIVE', 'SUSPENDED']);
      expect(LEAVING_STATES).to.deep.equal(['UNENROLMENT_REQUESTED', 'WINDING_DOWN']);
      expect(TERMINAL_STATES).to.deep.equal(['INELIGIBLE', 'OFFBOARDED', 'FAILED']);
      expect(FAILABLE_STATES).to.deep.equal([
        'ENROLMENT_REQUESTED', 'AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'AWAITING_METER_ACCESS',
        'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED',
      ]);
    });

    it('cannot be changed by a caller', () => {
      for (const group of [PARTICIPATING_STATES, LEAVING_STATES, TERMINAL_STATES, FAILABLE_STATES, statesBetween('ACTIVE', 'OFFBOARDED')]) {
        expect(Object.isFrozen(group)).to.equal(true);
      }
    });
  });

  describe('.isParticipating and .isLeaving', () => {
    it('when asked about every state, agree with their groups', () => {
      for (const state of PARTICIPATION_STATES) {
        expect(isParticipating(state), state).to.equal(PARTICIPATING_STATES.includes(state));
        expect(isLeaving(state), state).to.equal(LEAVING_STATES.includes(state));
      }
    });

    it('when given an unknown state, throw an InputError naming /state', () => {
      expectInputError(() => isParticipating('PAUSED' as ParticipationState), '/state');
      expectInputError(() => isLeaving('LEAVING' as ParticipationState), '/state');
    });
  });

  describe('.statesBetween', () => {
    it('when given two states of the main line, gives the range in order, both ends included', () => {
      expect(statesBetween('REGISTERED', 'WINDING_DOWN')).to.deep.equal(['REGISTERED', 'ACTIVE', 'SUSPENDED', 'UNENROLMENT_REQUESTED', 'WINDING_DOWN']);
      expect(statesBetween('AWAITING_METER_ACCESS', 'AWAITING_METER_ACCESS')).to.deep.equal(['AWAITING_METER_ACCESS']);
    });

    it('gives the timeline’s expected paths', () => {
      expect(ENROLMENT_HAPPY_PATH).to.deep.equal([
        'ENROLMENT_REQUESTED', 'AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'AWAITING_METER_ACCESS', 'CONFIRMING_DISPATCH',
        'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE',
      ]);
      expect(UNENROLMENT_PATH).to.deep.equal(['UNENROLMENT_REQUESTED', 'WINDING_DOWN', 'UNENROLLED']);
    });

    it('when a range would cross an early end, leaves it out: INELIGIBLE and FAILED lie between no two states', () => {
      expect(statesBetween('AWAITING_REGISTRATION', 'ACTIVE')).to.deep.equal(['AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE']);
      expectInputError(() => statesBetween('INELIGIBLE', 'ACTIVE'), '/first', 'main_line');
      expectInputError(() => statesBetween('ACTIVE', 'FAILED'), '/last', 'main_line');
    });

    it('when the last state comes before the first, throws an InputError naming /last', () => {
      expectInputError(() => statesBetween('WINDING_DOWN', 'ACTIVE'), '/last', 'after_first');
    });
  });
});
