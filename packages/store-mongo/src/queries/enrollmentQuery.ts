import type { EnrollmentFilter } from '@flexroll/core';
import type { QueryFilter } from 'mongoose';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { timeRange } from './timeRange.js';

/** The enrollment list's filter: the workspace's enrollments matching every condition given. */
export function enrollmentQuery(workspaceId: string, filter: EnrollmentFilter): QueryFilter<StoredDocument> {
  const query: Record<string, unknown> = { workspaceId };
  if (filter.programInstanceId !== undefined) query.programInstanceId = filter.programInstanceId;
  if (filter.statuses !== undefined) query['eligibility.status'] = { $in: [...filter.statuses] };
  // Every enrollment carries all of no tags; `$all: []` would instead match nothing.
  if (filter.tags !== undefined && filter.tags.length > 0) query.tags = { $all: [...filter.tags] };
  if (filter.referenceId !== undefined) query.referenceId = filter.referenceId;
  if (filter.referenceIds !== undefined) query.referenceId = { $in: [...filter.referenceIds] };
  const created = timeRange(filter.createdFrom, filter.createdTo);
  if (created !== undefined) query.createdAt = created;
  const updated = timeRange(filter.updatedFrom, filter.updatedTo);
  if (updated !== undefined) query.updatedAt = updated;
  if (filter.participationStates !== undefined) query['participation.state'] = { $in: [...filter.participationStates] };
  if (filter.participationId !== undefined) query['participation.id'] = filter.participationId;
  if (filter.includeDeleted !== true) query.deletedAt = { $exists: false };
  return query;
}
