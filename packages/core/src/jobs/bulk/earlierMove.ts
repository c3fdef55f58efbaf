import type { EnrollmentStatus } from '@flexroll/sdk';
import type { EnrollmentEvent } from '../../enrollments/index.js';

/** A move a bulk job already made on an enrollment, and the status it left it in (none: the participation alone moved). */
export interface EarlierMove {
  readonly to?: EnrollmentStatus;
}

/**
 * The move an enrollment's log shows by `source` (a bulk job's `bulk:<jobId>`), if any. A move is a status change, or
 * a participation's move alone (an unenrolment under way keeps the enrollment `approved`, ADR 0004); the status is
 * the last one that source moved it to. A bulk job selects an enrollment once, so its events on one enrollment are
 * that one row's: a run that redoes the row after a crash, or a second worker on the same chunk, finds the row done
 * by the job itself rather than refused or left alone.
 */
export function earlierMove(log: readonly EnrollmentEvent[], source: string): EarlierMove | undefined {
  let found: EarlierMove | undefined;
  for (const event of log) {
    if (event.source !== source) continue;
    if (event.type === 'enrollment.status_changed') found = { to: event.data.to };
    else if (event.type === 'participation.state_changed') found ??= {};
  }
  return found;
}
