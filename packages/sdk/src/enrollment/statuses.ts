/**
 * Seed 004's enrollment statuses, in the order the seed lists them.
 * @example ENROLLMENT_STATUSES[0] // 'candidate'
 */
export const ENROLLMENT_STATUSES = ['candidate', 'eligible', 'ineligible', 'submitted', 'approved', 'rejected', 'unenrolled'] as const;

/** One enrollment status. @example const status: EnrollmentStatus = 'submitted' */
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** A status as seed 004 documents it. @example ENROLLMENT_STATUS_DEFINITIONS.eligible satisfies EnrollmentStatusDefinition */
export interface EnrollmentStatusDefinition {
  readonly status: EnrollmentStatus;
  /** Seed 004's description, word for word. */
  readonly description: string;
}

/**
 * Every enrollment status with seed 004's description, word for word.
 * @example ENROLLMENT_STATUS_DEFINITIONS.approved.description // 'Enrollment has been reviewed and accepted into the program'
 */
export const ENROLLMENT_STATUS_DEFINITIONS: Readonly<Record<EnrollmentStatus, EnrollmentStatusDefinition>> = Object.freeze({
  candidate: { status: 'candidate', description: 'Initial state for potential enrollees; customer has been identified as a potential program participant but not yet evaluated' },
  eligible: { status: 'eligible', description: 'Customer meets all program requirements and can proceed with enrollment' },
  ineligible: { status: 'ineligible', description: 'Customer does not meet program requirements due to location, device ownership, or other criteria' },
  submitted: { status: 'submitted', description: 'Customer has completed enrollment application and it\'s awaiting review' },
  approved: { status: 'approved', description: 'Enrollment has been reviewed and accepted into the program' },
  rejected: { status: 'rejected', description: 'Enrollment has been reviewed and denied program participation' },
  unenrolled: { status: 'unenrolled', description: 'Customer was previously enrolled but has voluntarily or involuntarily exited the program' },
});
