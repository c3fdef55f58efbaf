import { type DeadlineRecord, publicDeadline } from '@flexroll/core';

/**
 * A deadline of the overdue queue as the API shows it: the deadline as events and enrollments show it
 * (`publicDeadline`), where it belongs, who acknowledged or snoozed it, and when the record last changed.
 */
export function renderDeadline(record: DeadlineRecord): Record<string, unknown> {
  const { programInstanceId, enrollmentId, participationId, acknowledgement, snooze, updatedAt } = record;
  const { id, ...deadline } = publicDeadline(record);
  return {
    id, programInstanceId, enrollmentId, participationId, ...deadline,
    ...(acknowledgement === undefined ? {} : { acknowledgement }),
    ...(snooze === undefined ? {} : { snooze }),
    updatedAt,
  };
}
