import type { EventFilter } from '@flexroll/core';
import type { QueryFilter } from 'mongoose';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { timeRange } from './timeRange.js';

/** The event list's filter: the workspace's events matching every condition given. */
export function eventQuery(workspaceId: string, filter: EventFilter): QueryFilter<StoredDocument> {
  const query: Record<string, unknown> = { workspaceId };
  if (filter.types !== undefined) query.type = { $in: [...filter.types] };
  if (filter.enrollmentId !== undefined) query.enrollmentId = filter.enrollmentId;
  const occurred = timeRange(filter.occurredFrom, filter.occurredTo);
  if (occurred !== undefined) query.occurredAt = occurred;
  return query;
}
