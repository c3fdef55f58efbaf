import type { EnrollmentStatus, ParticipationState } from '@flexroll/sdk';
import type { Enrollment } from '../Enrollment.js';

/**
 * What an instance's enrollment list counts an enrollment by: its status, its tags, its participation's state and
 * whether it is deleted. The list filters on these, and the console's home shows their totals, so those totals are
 * sums of counts kept per facet, never a count of rows.
 */
export interface ListFacets {
  readonly status: EnrollmentStatus;
  /** Sorted, without repeats: two enrollments with the same tags have equal facets. */
  readonly tags: readonly string[];
  readonly deleted: boolean;
  /** Absent while the enrollment has no participation (and in ledger entries written before it was counted). */
  readonly participationState?: ParticipationState;
}

export function listFacetsOf(enrollment: Enrollment): ListFacets {
  const state = enrollment.participation?.state;
  return {
    status: enrollment.eligibility.status,
    tags: [...new Set(enrollment.tags ?? [])].sort(),
    deleted: enrollment.deletedAt !== undefined,
    ...(state === undefined ? {} : { participationState: state }),
  };
}

export function sameListFacets(a: ListFacets | undefined, b: ListFacets | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.status === b.status && a.deleted === b.deleted && a.participationState === b.participationState &&
    a.tags.length === b.tags.length && a.tags.every((tag, at) => tag === b.tags[at])
  );
}
