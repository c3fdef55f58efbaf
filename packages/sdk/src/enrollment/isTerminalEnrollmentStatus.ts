import { allowedEnrollmentStatusMoves } from './allowedEnrollmentStatusMoves.js';
import { readEnrollmentStatus, type EnrollmentMoveOptions } from './enrollmentInput.js';
import type { EnrollmentStatus } from './statuses.js';

/**
 * True when an enrollment in `status` can move nowhere: always for unenrolled (re-enrollment creates a new
 * enrollment); for ineligible and rejected unless `{ criteriaChanged: true }`.
 * @throws InputError naming `/status` or `/options/criteriaChanged` for a bad value.
 * @example isTerminalEnrollmentStatus('rejected') // true
 * @example isTerminalEnrollmentStatus('rejected', { criteriaChanged: true }) // false
 */
export function isTerminalEnrollmentStatus(status: EnrollmentStatus, options?: EnrollmentMoveOptions): boolean {
  return allowedEnrollmentStatusMoves(readEnrollmentStatus(status, '/status'), options).length === 0;
}
