import { IllegalTransitionError } from '../errors/IllegalTransitionError.js';
import { allowedEnrollmentStatusMoves } from './allowedEnrollmentStatusMoves.js';
import { readEnrollmentMoveOptions, readEnrollmentStatus, type EnrollmentMoveOptions } from './enrollmentInput.js';
import { ENROLLMENT_STATUS_MOVES } from './moves.js';
import type { EnrollmentStatus } from './statuses.js';

/**
 * Checks that an enrollment may move from one status to another; returns nothing when it may.
 * @throws IllegalTransitionError('enrollment', from, to, allowed) when it may not (staying put included).
 * @throws InputError naming `/from`, `/to` or `/options/criteriaChanged` for a bad value.
 * @example assertEnrollmentStatusMove('submitted', 'approved') // fine
 * @example assertEnrollmentStatusMove('candidate', 'approved') // throws: it accepts: eligible, ineligible
 */
export function assertEnrollmentStatusMove(from: EnrollmentStatus, to: EnrollmentStatus, options?: EnrollmentMoveOptions): void {
  const current = readEnrollmentStatus(from, '/from');
  const next = readEnrollmentStatus(to, '/to');
  const { criteriaChanged } = readEnrollmentMoveOptions(options);
  const allowed = allowedEnrollmentStatusMoves(current, { criteriaChanged });
  if (allowed.includes(next)) return;
  const waitsForCriteria = ENROLLMENT_STATUS_MOVES.some((move) => move.from === current && move.to === next && move.requiresCriteriaChange);
  const detail = current === next
    ? 'it is already in that status'
    : waitsForCriteria ? `${current} is terminal unless the enrollment criteria change` : undefined;
  throw new IllegalTransitionError('enrollment', current, next, allowed, detail);
}
