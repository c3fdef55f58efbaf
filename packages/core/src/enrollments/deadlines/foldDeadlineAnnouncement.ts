import type { DeadlineAnnouncement, DeadlineEventType } from '../EnrollmentEvent.js';
import type { Participation } from '../Participation.js';
import type { Deadline, DeadlineAnnouncements, DeadlineStatus } from './Deadline.js';

/** What each alert records on the deadline it announces: its `announced` stamp and, for an open one, the status. */
const ANNOUNCING: Readonly<Record<DeadlineEventType, { readonly stamp: keyof DeadlineAnnouncements; readonly status?: DeadlineStatus; readonly of: 'open' | 'last' }>> = {
  'participation.deadline_due_soon': { stamp: 'dueSoon', status: 'due_soon', of: 'open' },
  'participation.deadline_missed': { stamp: 'missed', status: 'missed', of: 'open' },
  // A missed deadline met later keeps `met_late`: the announcement is only recorded.
  'participation.deadline_met': { stamp: 'met', of: 'last' },
};

/**
 * Folds a deadline alert onto the participation: the announced deadline (the open one for due-soon and missed, the
 * one closed last for met) records when it was announced and, while open, its new status. Nothing else changes — no
 * `updatedAt` moves, as nothing about the enrollment did. An alert for a deadline the participation no longer holds
 * (its id differs) changes nothing: the fold stays total, though the sweep decides on the state it folds onto.
 */
export function foldDeadlineAnnouncement(participation: Participation, type: DeadlineEventType, data: DeadlineAnnouncement, occurredAt: string): Participation {
  const { of } = ANNOUNCING[type];
  const announced: Deadline | undefined = participation.deadlines?.[of];
  if (announced === undefined || announced.id !== data.deadline.id) return participation;
  return { ...participation, deadlines: { ...participation.deadlines, [of]: announcedDeadline(announced, type, occurredAt) } };
}

/**
 * A deadline as an alert of `type` made at `at` leaves it: the one rule both the fold and the sweep's decision (whose
 * event carries the deadline after its announcement) use.
 */
export function announcedDeadline(deadline: Deadline, type: DeadlineEventType, at: string): Deadline {
  const { stamp, status } = ANNOUNCING[type];
  return { ...deadline, ...(status === undefined ? {} : { status }), announced: { ...deadline.announced, [stamp]: at } };
}
