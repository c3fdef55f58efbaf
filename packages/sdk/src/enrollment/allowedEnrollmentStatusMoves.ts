import { readEnrollmentMoveOptions, readEnrollmentStatus, type EnrollmentMoveOptions } from './enrollmentInput.js';
import { ENROLLMENT_STATUS_MOVES } from './moves.js';
import type { EnrollmentStatus } from './statuses.js';

/**
 * The statuses an enrollment may move to from `from`, in {@link ENROLLMENT_STATUS_MOVES} order. Moves back to
 * candidate from ineligible or rejected are allowed only with `{ criteriaChanged: true }`.
 * @throws InputError naming `/from` or `/options/criteriaChanged` for a bad value.
 * @example allowedEnrollmentStatusMoves('candidate') // ['eligible', 'ineligible']
 * @example allowedEnrollmentStatusMoves('rejected', { criteriaChanged: true }) // ['candidate']
 */
export function allowedEnrollmentStatusMoves(from: EnrollmentStatus, options?: EnrollmentMoveOptions): EnrollmentStatus[] {
  const status = readEnrollmentStatus(from, '/from');
  const { criteriaChanged } = readEnrollmentMoveOptions(options);
  return ENROLLMENT_STATUS_MOVES
    .filter((move) => move.from === status && (criteriaChanged || !move.requiresCriteriaChange))
    .map((move) => move.to);
}
