import type { EnrollmentStatus } from '@flexroll/sdk';
import type { Enrollment } from '../Enrollment.js';

/**
 * What an instance's enrollment list counts an enrollment by: its status, its tags and whether it is deleted. The
 * seed-004 list filters on exactly these, so its totals are sums of counts kept per facet, never a count of rows.
 */
export interface ListFacets {
  readonly status: EnrollmentStatus;
  /** Sorted, without repeats: two enrollments with the same tags have equal facets. */
  readonly tags: readonly string[];
  readonly deleted: boolean;
}

export function listFacetsOf(enrollment: Enrollment): ListFacets {
  return { status: enrollment.eligibility.status, tags: [...new Set(enrollment.tags ?? [])].sort(), deleted: enrollment.deletedAt !== undefined };
}

export function sameListFacets(a: ListFacets | undefined, b: ListFacets | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.status === b.status && a.deleted === b.deleted && a.tags.length === b.tags.length && a.tags.every((tag, at) => tag === b.tags[at]);
}
