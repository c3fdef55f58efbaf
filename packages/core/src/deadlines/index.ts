/**
 * Deadlines' overdue queue (issue 20): one record per deadline of every participation, written from the projection,
 * listed most overdue first by index-backed buckets, with the queue's own acknowledgements and snoozes.
 * @packageDocumentation
 */
export type { DeadlineAcknowledgement, DeadlineRecord, DeadlineSnooze } from './DeadlineRecord.js';
export { deadlineRecordsOf, deadlinesOf, type DerivedDeadlineRecord } from './deadlineRecordsOf.js';
export {
  ACTIONABLE_STATUSES, actionableDeadlines, actionableFieldOf, actionableKeyOf, countActionableOf, type DeadlineCounts, DEADLINE_KEY_FIELDS, type DeadlineBucketSource, type DeadlineFilter, type DeadlineGroup, type DeadlineKey, deadlineKeyOf, type DeadlineKeys,
  deadlineBucketsOf, type DeadlineKeyField, deadlineKeysOf, deadlineMatches, type DeadlineScope, isDeadlineKey, PAUSED_PERIOD, walkDeadlines,
} from './deadlineListing.js';
export { deadlineDurationMs } from './deadlineDuration.js';
export type { DeadlineRepository } from './ports/DeadlineRepository.js';
export { type DeadlineQuery, DeadlineService, MAX_DEADLINE_REASON_LENGTH, MAX_SNOOZE_DAYS } from './DeadlineService.js';
export { deadlinesModule } from './deadlinesModule.js';
