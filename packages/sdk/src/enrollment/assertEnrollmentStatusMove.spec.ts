import { expect } from 'chai';
import { IllegalTransitionError } from '../errors/IllegalTransitionError.js';
import { expectInputError } from '../test-support/expectInputError.js';
import { assertEnrollmentStatusMove } from './assertEnrollmentStatusMove.js';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from './statuses.js';

const as = <T>(value: unknown): T => value as T;

/** Seed 004 / DESIGN §2a, written out independently of ENROLLMENT_STATUS_MOVES. */
const ALWAYS: Readonly<Record<EnrollmentStatus, readonly EnrollmentStatus[]>> = {
  candidate: ['eligible', 'ineligible'],
  eligible: ['submitted'],
  ineligible: [],
  submitted: ['approved', 'rejected'],
  approved: ['unenrolled'],
  rejected: [],
  unenrolled: [],
};
const allowedBySeed = (from: EnrollmentStatus, criteriaChanged: boolean): readonly EnrollmentStatus[] =>
  criteriaChanged && (from === 'ineligible' || from === 'rejected') ? ['candidate'] : ALWAYS[from];

describe(assertEnrollmentStatusMove.name, () => {
  for (const criteriaChanged of [false, true]) {
    describe(`having ${criteriaChanged ? 'changed' : 'unchanged'} enrollment criteria`, () => {
      for (const from of ENROLLMENT_STATUSES) {
        for (const to of ENROLLMENT_STATUSES) {
          const legal = allowedBySeed(from, criteriaChanged).includes(to);
          it(`when called with ${from} → ${to}, ${legal ? 'allows it' : 'refuses it'}`, () => {
            const act = (): void => assertEnrollmentStatusMove(from, to, { criteriaChanged });
            if (legal) {
              expect(act).to.not.throw();
              return;
            }
            expect(act).to.throw(IllegalTransitionError).that.deep.includes({ machine: 'enrollment', currentState: from, attempted: to, accepted: [...allowedBySeed(from, criteriaChanged)] });
          });
        }
      }
    });
  }

  describe('having no options', () => {
    it('when called with rejected → candidate, explains that rejected is terminal unless the criteria change', () => {
      expect(() => assertEnrollmentStatusMove('rejected', 'candidate')).to.throw(IllegalTransitionError, "Cannot move to 'candidate' from an enrollment in rejected (rejected is terminal unless the enrollment criteria change); it accepts nothing more (terminal).");
    });
    it('when called with the same status twice, says it is already there', () => {
      expect(() => assertEnrollmentStatusMove('approved', 'approved')).to.throw(IllegalTransitionError, '(it is already in that status); it accepts: unenrolled.');
    });
  });

  describe('having bad input', () => {
    it('when called with an unknown or ill-typed status, names /from or /to', () => {
      expectInputError(() => assertEnrollmentStatusMove(as('pending'), 'approved'), '/from', 'one_of');
      expectInputError(() => assertEnrollmentStatusMove('submitted', as('Approved')), '/to', 'one_of');
      expectInputError(() => assertEnrollmentStatusMove('submitted', as(3)), '/to', 'one_of');
      expectInputError(() => assertEnrollmentStatusMove(as(undefined), 'approved'), '/from', 'required');
    });
    it('when called with ill-typed options, names them', () => {
      expectInputError(() => assertEnrollmentStatusMove('rejected', 'candidate', as({ criteriaChanged: 'yes' })), '/options/criteriaChanged', 'type');
      expectInputError(() => assertEnrollmentStatusMove('rejected', 'candidate', as(true)), '/options', 'type');
    });
  });
});
