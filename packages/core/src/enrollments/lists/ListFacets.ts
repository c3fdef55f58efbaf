import type { EnrollmentStatus, ParticipationState } from '@flexroll/sdk';
import { ACTIONABLE_DEADLINE_STATUSES, type DeadlineStatus, type WaitingOn } from '../deadlines/Deadline.js';
import type { Enrollment } from '../Enrollment.js';

/**
 * What an instance's enrollment list counts an enrollment by: its status, its tags, its participation's state and
 * whether it is deleted. The list filters on these, and the console's home shows their totals, so those totals are
 * sums of counts kept per facet, never a count of rows.
 */
export interface ListFacets {
  readonly status: EnrollmentStatus;
  /**
   * Sorted, without repeats: two enrollments with the same tags have equal facets. Its manufacturers are counted here
   * too, each as the tag {@link manufacturerTag} makes, so that a manufacturer filter is counted, skipped and read by
   * key exactly as a tag filter is; and its participation's due deadline, as the tag {@link deadlineTag} makes, so
   * that the console's home counts due deadlines by party from the same counts (ADR 0017's second addendum).
   */
  readonly tags: readonly string[];
  readonly deleted: boolean;
  /** Absent while the enrollment has no participation (and in ledger entries written before it was counted). */
  readonly participationState?: ParticipationState;
}

/** Starts every manufacturer's tag: a control character, which the list's `tags` filter refuses, so no client's tag filter names one. */
const MANUFACTURER_TAG = '\u0001manufacturer:';

/** The counted tag of a manufacturer slug (compared in lower case). */
export function manufacturerTag(slug: string): string {
  return `${MANUFACTURER_TAG}${slug.trim().toLowerCase()}`;
}

/** Starts a due deadline's tag; a control character, as a manufacturer's. */
const DEADLINE_TAG = '\u0001deadline:';

/** The counted tag of a due deadline (`due_soon` or `missed`) waiting on a party. */
export function deadlineTag(waitingOn: WaitingOn, status: DeadlineStatus): string {
  return `${DEADLINE_TAG}${waitingOn}:${status}`;
}

/** The party and status of a counted deadline tag; undefined for any other tag. */
export function deadlineOfTag(tag: string): { readonly waitingOn: WaitingOn; readonly status: DeadlineStatus } | undefined {
  if (!tag.startsWith(DEADLINE_TAG)) return undefined;
  const [waitingOn, status] = tag.slice(DEADLINE_TAG.length).split(':') as [WaitingOn, DeadlineStatus];
  return { waitingOn, status };
}

/**
 * The tags an enrollment is counted and kept under: its own, one per manufacturer, and its participation's open
 * deadline while it is due (the same deadline, party and status as the overdue queue's actionable record of it).
 */
export function countedTagsOf(enrollment: Enrollment): string[] {
  const due = enrollment.participation?.deadlines?.open;
  const dueTag = due !== undefined && ACTIONABLE_DEADLINE_STATUSES.includes(due.status) ? [deadlineTag(due.waitingOn, due.status)] : [];
  return [...new Set([...(enrollment.tags ?? []), ...(enrollment.manufacturerSlugs ?? []).map(manufacturerTag), ...dueTag])].sort();
}

export function listFacetsOf(enrollment: Enrollment): ListFacets {
  const state = enrollment.participation?.state;
  return {
    status: enrollment.eligibility.status,
    tags: countedTagsOf(enrollment),
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
