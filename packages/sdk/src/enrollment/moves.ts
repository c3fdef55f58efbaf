import type { EnrollmentStatus } from './statuses.js';

/**
 * One legal status move, with the seed 004 rule it comes from.
 * @example const move: EnrollmentStatusMove = { from: 'eligible', to: 'submitted', rule: 'Only Eligible enrollments can be moved to Submitted', requiresCriteriaChange: false }
 */
export interface EnrollmentStatusMove {
  readonly from: EnrollmentStatus;
  readonly to: EnrollmentStatus;
  /** Seed 004's wording for the move. */
  readonly rule: string;
  /** The move is legal only when the enrollment's criteria (address, devices, …) have changed. */
  readonly requiresCriteriaChange: boolean;
}

function move(from: EnrollmentStatus, to: EnrollmentStatus, rule: string, requiresCriteriaChange = false): EnrollmentStatusMove {
  return Object.freeze({ from, to, rule, requiresCriteriaChange });
}

/**
 * Every legal enrollment status move (seed 004, DESIGN §2a). ineligible and rejected move on only when the
 * enrollment's criteria change, and then back to candidate to be evaluated again; unenrolled never moves
 * (re-enrollment creates a new enrollment).
 * @example ENROLLMENT_STATUS_MOVES.filter((m) => m.from === 'submitted').map((m) => m.to) // ['approved', 'rejected']
 */
export const ENROLLMENT_STATUS_MOVES: readonly EnrollmentStatusMove[] = Object.freeze([
  move('candidate', 'eligible', 'If requirements met → Eligible'),
  move('candidate', 'ineligible', 'If requirements not met → Ineligible (process stops)'),
  move('eligible', 'submitted', 'Only Eligible enrollments can be moved to Submitted'),
  move('submitted', 'approved', 'Only Submitted enrollments can be Approved or Rejected'),
  move('submitted', 'rejected', 'Only Submitted enrollments can be Approved or Rejected'),
  move('approved', 'unenrolled', 'Only Approved enrollments can be Unenrolled'),
  move('ineligible', 'candidate', 'Rejected and Ineligible are terminal states (unless enrollment criteria change)', true),
  move('rejected', 'candidate', 'Rejected and Ineligible are terminal states (unless enrollment criteria change)', true),
]);
