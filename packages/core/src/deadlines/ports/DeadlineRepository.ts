import type { ListWindow, WindowRequest } from '../../platform/index.js';
import type { DeadlineAcknowledgement, DeadlineRecord, DeadlineSnooze } from '../DeadlineRecord.js';
import type { DerivedDeadlineRecord } from '../deadlineRecordsOf.js';
import type { DeadlineCounts, DeadlineFilter, DeadlineKey, DeadlineScope } from '../deadlineListing.js';

/**
 * The overdue queue's records (issue 20), one per deadline, `id` unique. A read model written from the enrollment
 * projection before the projection itself (like the list ledger, ADR 0017): a crash in between leaves the projection
 * behind the log, and its repair writes the records again.
 */
export interface DeadlineRepository {
  /**
   * Writes copies of deadlines, each by its id: idempotent; a copy derived from an older `seq` than the stored one is
   * ignored; the stored `acknowledgement` and `snooze` are kept as they are.
   */
  write(records: readonly DerivedDeadlineRecord[]): Promise<void>;
  get(workspaceId: string, id: string): Promise<DeadlineRecord | undefined>;
  /** Sets the record's acknowledgement (and `updatedAt`), nothing else; false when there is no such record. */
  acknowledge(workspaceId: string, id: string, acknowledgement: DeadlineAcknowledgement): Promise<boolean>;
  /** Sets the record's snooze (and `updatedAt`), nothing else; false when there is no such record. */
  snooze(workspaceId: string, id: string, snooze: DeadlineSnooze): Promise<boolean>;
  /**
   * A window of a scope's deadlines, most overdue first: stores hand `walkDeadlines` their bucket lookups (equalities on
   * the record's {@link DeadlineKeys}), so a window costs what it returns and the one day it stops in.
   */
  list(scope: DeadlineScope, filter: DeadlineFilter, request: WindowRequest<DeadlineKey>): Promise<ListWindow<DeadlineRecord, DeadlineKey>>;
  /**
   * How many of a scope's actionable deadlines (`due_soon`, `missed`) wait on each party, those snoozed until after
   * `now` left out unless `includeSnoozed`. Counted where they are stored (one equality on the scope's actionable key
   * per party), so the records themselves never travel: the counts cost what is due, not what the page shows.
   */
  countActionable(scope: DeadlineScope, now: string, includeSnoozed: boolean): Promise<DeadlineCounts>;
}
