import type { CallContext, DeadlineService, EnrollmentFilter } from '@flexroll/core';
import type { EnrollmentStatus, ParticipationState } from '@flexroll/sdk';
import { splitList } from './queryHelpers.js';

/** The list's filters as its query (and a bulk action's `filter`) gives them: `EnrollmentFilterFields`. */
export interface EnrollmentFilterQuery {
  readonly status?: string;
  readonly tags?: string;
  readonly referenceId?: string;
  readonly createdFrom?: string;
  readonly createdTo?: string;
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
  readonly participationState?: string;
  readonly manufacturer?: string;
  readonly postalCodePrefix?: string;
  readonly overdue?: 'true' | 'false';
  readonly q?: string;
}

/** How many missed deadlines one read of the overdue queue takes. */
const OVERDUE_WINDOW = 100;

/**
 * The core filter of a list query. `overdue=true` is answered from the deadline records: the enrollments of the
 * instance's missed deadlines (the overdue queue's own walk, costing what is missed), then looked up by id.
 */
export async function enrollmentFilterOf(query: EnrollmentFilterQuery, overdue: { deadlines: DeadlineService; context: CallContext; instanceId: string }): Promise<EnrollmentFilter> {
  const { status, tags, participationState, q, overdue: overdueFlag, ...rest } = query;
  const given = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Partial<EnrollmentFilter>;
  return {
    ...given,
    ...(status === undefined ? {} : { statuses: splitList(status) as EnrollmentStatus[] }),
    ...(tags === undefined ? {} : { tags: splitList(tags) }),
    ...(participationState === undefined ? {} : { participationStates: splitList(participationState) as ParticipationState[] }),
    ...(q === undefined ? {} : { search: q }),
    ...(overdueFlag === 'true' ? { enrollmentIds: await overdueEnrollmentIds(overdue.deadlines, overdue.context, overdue.instanceId) } : {}),
  };
}

async function overdueEnrollmentIds(deadlines: DeadlineService, context: CallContext, instanceId: string): Promise<string[]> {
  const ids = new Set<string>();
  let after: string | undefined;
  do {
    const page = await deadlines.listAfter(context, { programInstanceId: instanceId, statuses: ['missed'], snoozed: 'include' }, OVERDUE_WINDOW, after);
    for (const record of page.data) ids.add(record.enrollmentId);
    after = page.hasMore ? page.nextCursor : undefined;
  } while (after !== undefined);
  return [...ids];
}
