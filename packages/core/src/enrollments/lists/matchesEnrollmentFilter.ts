import type { Enrollment } from '../Enrollment.js';
import type { EnrollmentFilter } from '../ports/EnrollmentProjectionRepository.js';
import { matchesSearch } from './searchKeys.js';

/** Whether an enrollment is one an enrollment filter asks for: every condition given holds. */
export function matchesEnrollmentFilter(row: Enrollment, filter: EnrollmentFilter): boolean {
  const participation = row.participation;
  return (
    (filter.includeDeleted === true || row.deletedAt === undefined) &&
    (filter.programInstanceId === undefined || row.programInstanceId === filter.programInstanceId) &&
    (filter.statuses === undefined || filter.statuses.includes(row.eligibility.status)) &&
    (filter.tags === undefined || filter.tags.every((tag) => row.tags?.includes(tag) === true)) &&
    (filter.referenceId === undefined || row.referenceId === filter.referenceId) &&
    (filter.referenceIds === undefined || (row.referenceId !== undefined && filter.referenceIds.includes(row.referenceId))) &&
    (filter.createdFrom === undefined || row.createdAt >= filter.createdFrom) &&
    (filter.createdTo === undefined || row.createdAt <= filter.createdTo) &&
    (filter.updatedFrom === undefined || row.updatedAt >= filter.updatedFrom) &&
    (filter.updatedTo === undefined || row.updatedAt <= filter.updatedTo) &&
    (filter.participationStates === undefined || (participation !== undefined && filter.participationStates.includes(participation.state))) &&
    (filter.participationId === undefined || participation?.id === filter.participationId) &&
    (filter.enrollmentIds === undefined || filter.enrollmentIds.includes(row.id)) &&
    matchesSearch(row, filter)
  );
}
