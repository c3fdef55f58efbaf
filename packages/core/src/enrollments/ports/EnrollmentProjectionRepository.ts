import type { EnrollmentStatus, ParticipationState } from '@flexroll/sdk';
import type { Enrollment } from '../Enrollment.js';
import type { Page, PageRequest } from '../../platform/index.js';
import type { DueKeyField, DueKeys } from '../DueKeys.js';
import type { ListCounts } from '../lists/ListCounts.js';

export interface EnrollmentFilter {
  readonly programInstanceId?: string;
  readonly statuses?: readonly EnrollmentStatus[];
  /** Enrollments carrying every one of these tags. */
  readonly tags?: readonly string[];
  readonly referenceId?: string;
  /** Enrollments whose referenceId is any of these. */
  readonly referenceIds?: readonly string[];
  readonly createdFrom?: string;
  readonly createdTo?: string;
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
  readonly participationStates?: readonly ParticipationState[];
  readonly participationId?: string;
  readonly includeDeleted?: boolean;
  /** Only these enrollments (the overdue filter resolves to the enrollments of missed deadlines); empty selects none. */
  readonly enrollmentIds?: readonly string[];
  /** A text search: every word a prefix of a word of the first or last name, e-mail or reference id (case and accents aside). */
  readonly search?: string;
  /** Enrollments with this manufacturer slug among `manufacturerSlugs` (case aside). */
  readonly manufacturer?: string;
  /** Enrollments whose address's postal code starts with this (case, spaces and dashes aside). */
  readonly postalCodePrefix?: string;
}

/** What a caller may tell {@link EnrollmentProjectionRepository.save} besides the enrollment. */
export interface ProjectionSave {
  /**
   * The enrollment as the change was decided on, when the caller knows it is the stored copy (a change just appended).
   * When its list facets equal the new ones the store may skip counting; without it (a catch-up, a repair) it checks.
   */
  readonly decidedOn?: Enrollment;
  /** The enrollment's due keys (ADR 0019), stored with it at the top level (none given: none stored). */
  readonly due?: DueKeys;
}

/**
 * The enrollment documents: a cache of the event log, never the truth. `save` keeps whichever copy has the
 * higher `seq` as far as the store can tell; a stale write is harmless because every read catches up from events.
 *
 * Each store also keeps every instance's list counted as projections are saved (ADR 0017): an enrollment's list
 * position (creation order) and its facets (status, tags, deleted) — so a page, and its totals, cost what they return.
 */
export interface EnrollmentProjectionRepository {
  save(enrollment: Enrollment, options?: ProjectionSave): Promise<void>;
  get(workspaceId: string, id: string): Promise<Enrollment | undefined>;
  /** The enrollment holding a participation (deleted ones included): one indexed lookup, not a filtered list. */
  findByParticipationId(workspaceId: string, participationId: string): Promise<Enrollment | undefined>;
  /** Every enrollment of the workspace with this device serial number, deleted ones too: one indexed lookup. */
  findBySerialNumber(workspaceId: string, serialNumber: string): Promise<readonly Enrollment[]>;
  /**
   * Saves enrollments written for the first time (a bulk import), many at once; one that is already stored is
   * saved as {@link save} would. Same guarantees as `save`, fewer round trips. `due[i]`: the due keys of `enrollments[i]`.
   */
  saveMany(enrollments: readonly Enrollment[], due?: ReadonlyArray<DueKeys | undefined>): Promise<void>;
  /**
   * The enrollments (deleted ones too) whose due key `field` holds `value`: one equality on an indexed top-level key,
   * costing what is due in that bucket, whatever the workspace's size.
   */
  listDue(workspaceId: string, field: DueKeyField, value: string): Promise<readonly Enrollment[]>;
  /**
   * Replaces the due keys of the stored copy if it is still at `seq` (a copy saved since carries its own). Like `save`,
   * not a guard on FerretDB v1, which does not re-check the condition at write time (ADR 0019 says what that costs).
   */
  reschedule(workspaceId: string, enrollmentId: string, seq: number, due: DueKeys): Promise<void>;
  /** The ids of every enrollment matching the filter, in no particular order: a bulk job's selection. */
  listIds(workspaceId: string, filter: EnrollmentFilter): Promise<readonly string[]>;
  /**
   * With a `programInstanceId`: that instance's list in creation order, read through its counts. Without one (no hot
   * path asks): oldest first by `createdAt`, then id, over the workspace.
   */
  list(workspaceId: string, filter: EnrollmentFilter, page: PageRequest): Promise<Page<Enrollment>>;
  /** An instance's list counts (ADR 0017) as they stand: what its totals by status, tags and participation state are sums of. */
  listCounts(workspaceId: string, programInstanceId: string): Promise<ListCounts>;
}
