import { expect } from 'chai';
import { expectInputError } from '../test-support/expectInputError.js';
import { readFixture } from '../test-support/paths.js';
import { seedTables } from '../test-support/seedTables.js';
import { allowedEnrollmentStatusMoves } from './allowedEnrollmentStatusMoves.js';
import { isTerminalEnrollmentStatus } from './isTerminalEnrollmentStatus.js';
import { ENROLLMENT_STATUS_MOVES } from './moves.js';
import { ENROLLMENT_STATUS_DEFINITIONS, ENROLLMENT_STATUSES, type EnrollmentStatus } from './statuses.js';

const as = <T>(value: unknown): T => value as T;

describe('the enrollment statuses, read against seed 004', () => {
  it('having the seed’s status table, when compared, matches every status and description character for character, in order', () => {
    const [table] = seedTables(readFixture('seed-004-enrollments.txt'), ['Status', 'Description']);
    expect(table?.rows.map((row) => row[0])).to.deep.equal([...ENROLLMENT_STATUSES]);
    for (const [status, description] of table?.rows ?? []) {
      expect(ENROLLMENT_STATUS_DEFINITIONS[status as EnrollmentStatus]).to.deep.equal({ status, description });
    }
  });
  it('having the seed’s transition rules, when each move’s rule is looked up, finds it in the seed', () => {
    const seed = readFixture('seed-004-enrollments.txt');
    for (const move of ENROLLMENT_STATUS_MOVES) expect(seed, `${move.from} → ${move.to}`).to.include(move.rule);
  });
});

describe(allowedEnrollmentStatusMoves.name, () => {
  it('when called for each status, lists seed 004’s moves', () => {
    expect(Object.fromEntries(ENROLLMENT_STATUSES.map((status) => [status, allowedEnrollmentStatusMoves(status)]))).to.deep.equal({
      candidate: ['eligible', 'ineligible'], eligible: ['submitted'], ineligible: [], submitted: ['approved', 'rejected'],
      approved: ['unenrolled'], rejected: [], unenrolled: [],
    });
  });
  it('when called with changed criteria, lets ineligible and rejected start over as candidate', () => {
    expect(allowedEnrollmentStatusMoves('ineligible', { criteriaChanged: true })).to.deep.equal(['candidate']);
    expect(allowedEnrollmentStatusMoves('rejected', { criteriaChanged: true })).to.deep.equal(['candidate']);
    expect(allowedEnrollmentStatusMoves('unenrolled', { criteriaChanged: true })).to.deep.equal([]);
    expect(allowedEnrollmentStatusMoves('eligible', { criteriaChanged: true })).to.deep.equal(['submitted']);
  });
  it('when called with bad input, names /from or the option', () => {
    expectInputError(() => allowedEnrollmentStatusMoves(as('Candidate')), '/from', 'one_of');
    expectInputError(() => allowedEnrollmentStatusMoves('rejected', as({ criteriaChanged: 1 })), '/options/criteriaChanged', 'type');
  });
});

describe(isTerminalEnrollmentStatus.name, () => {
  it('having unchanged criteria, is true for ineligible, rejected and unenrolled', () => {
    expect(ENROLLMENT_STATUSES.filter((status) => isTerminalEnrollmentStatus(status))).to.deep.equal(['ineligible', 'rejected', 'unenrolled']);
  });
  it('having changed criteria, is true for unenrolled only', () => {
    expect(ENROLLMENT_STATUSES.filter((status) => isTerminalEnrollmentStatus(status, { criteriaChanged: true }))).to.deep.equal(['unenrolled']);
  });
  it('when called with bad input, names /status', () => {
    expectInputError(() => isTerminalEnrollmentStatus(as(null)), '/status', 'one_of');
  });
});
