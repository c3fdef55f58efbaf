import type { Deadline, Enrollment, Participation, ParticipationDeadlines } from '../enrollments/index.js';
import type { DeadlineRecord } from './DeadlineRecord.js';

/** A copy of a deadline as the projection has it, without what the queue notes on it. */
export type DerivedDeadlineRecord = Omit<DeadlineRecord, 'acknowledgement' | 'snooze'>;

/**
 * The queue's records of an enrollment's deadlines: its participation's `open` and `last`, each stamped with the
 * enrollment's `seq` and when the deadline last moved. None without a participation or deadlines (events recorded before issue 20 carry
 * no terms). Acknowledgements and snoozes are not the projection's: the store keeps the ones it holds.
 */
export function deadlineRecordsOf(enrollment: Enrollment): readonly DerivedDeadlineRecord[] {
  const participation = enrollment.participation;
  if (participation === undefined) return [];
  const deadlines = deadlinesOf(participation);
  const found = [deadlines?.open, deadlines?.last].filter((deadline) => deadline !== undefined);
  return found.map((deadline) => ({
    ...deadline,
    workspaceId: enrollment.workspaceId,
    programInstanceId: enrollment.programInstanceId,
    enrollmentId: enrollment.id,
    participationId: participation.id,
    seq: enrollment.seq,
    updatedAt: lastMoved(deadline),
  }));
}

/** The participation's deadlines, as issue 20's fold keeps them (`Participation.deadlines`). */
export function deadlinesOf(participation: Participation): ParticipationDeadlines | undefined {
  return participation.deadlines;
}

/**
 * When a deadline last moved: its start, a pause, an announcement or its close. Not the enrollment's `updatedAt`,
 * which the alerts leave alone (they change nothing about the enrollment), while they do change the deadline.
 */
function lastMoved(deadline: Deadline): string {
  const moments = [deadline.enteredAt, deadline.paused?.since, deadline.announced.dueSoon, deadline.announced.missed, deadline.announced.met, deadline.closedAt];
  return moments.filter((moment) => moment !== undefined).reduce((latest, moment) => (moment > latest ? moment : latest));
}
