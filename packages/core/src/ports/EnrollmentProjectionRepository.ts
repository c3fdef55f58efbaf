import type { EnrollmentStatus, ParticipationState } from '@flexroll/sdk';
import type { Enrollment } from '../model/Enrollment.js';
import type { Page, PageRequest } from '../model/Page.js';

export interface EnrollmentFilter {
  readonly programInstanceId?: string;
  readonly statuses?: readonly EnrollmentStatus[];
  /** Enrollments carrying every one of these tags. */
  readonly tags?: readonly string[];
  readonly referenceId?: string;
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
  save(enrollment: Enrollment): Promise<void>;
  get(workspaceId: string, id: string): Promise<Enrollment | undefined>;
  /** The enrollment holding a participation (deleted ones included): one indexed lookup, not a filtered list. */
  findByParticipationId(workspaceId: string, participationId: string): Promise<Enrollment | undefined>;
  /** Oldest first (by `createdAt`, then id). */
  list(workspaceId: string, filter: EnrollmentFilter, page: PageRequest): Promise<Page<Enrollment>>;
}
