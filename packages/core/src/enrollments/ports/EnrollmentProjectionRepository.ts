import type { EnrollmentStatus, ParticipationState } from '@flexroll/sdk';
import type { Enrollment } from '../Enrollment.js';
import type { Page, PageRequest } from '../../platform/index.js';
import type { DueKeyField, DueKeys } from '../DueKeys.js';

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
}

/**
 * The enrollment documents: a cache of the event log, never the truth. `save` keeps whichever copy has the
 * higher `seq` as far as the store can tell; a stale write is harmless because every read catches up from events.
 */
export interface EnrollmentProjectionRepository {
  /** `due`: the enrollment's due keys (ADR 0019), stored with it at the top level (none given: none stored). */
  save(enrollment: Enrollment, due?: DueKeys): Promise<void>;
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
  /** Oldest first (by `createdAt`, then id). */
  list(workspaceId: string, filter: EnrollmentFilter, page: PageRequest): Promise<Page<Enrollment>>;
}
