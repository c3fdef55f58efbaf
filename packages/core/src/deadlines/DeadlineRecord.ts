import type { Actor, Deadline } from '../enrollments/index.js';

/** Who acknowledged a deadline, why, and when: the queue's note that someone has seen it and is on it. */
export interface DeadlineAcknowledgement {
  readonly by: Actor;
  readonly reason: string;
  readonly at: string;
}

/** A deadline put aside until a time: the queue leaves it out (by default) until then. */
export interface DeadlineSnooze {
  readonly by: Actor;
  readonly reason: string;
  readonly until: string;
  readonly at: string;
}

/**
 * A deadline as the overdue queue keeps it (issue 20): a copy of a participation's `open` or `last` deadline, with
 * where it belongs and the enrollment `seq` it was derived from, plus what the queue's users noted on it. The copy is
 * a read model, re-written from the projection at every save; only `acknowledgement` and `snooze` are the queue's own,
 * and they change nothing about the participation or its events.
 */
export interface DeadlineRecord extends Deadline {
  readonly workspaceId: string;
  readonly programInstanceId: string;
  readonly enrollmentId: string;
  readonly participationId: string;
  /** The enrollment's `seq` this copy was derived from: a copy from an older one never replaces a newer one. */
  readonly seq: number;
  readonly acknowledgement?: DeadlineAcknowledgement;
  readonly snooze?: DeadlineSnooze;
  /** When the record last changed: a new copy of the deadline, an acknowledgement or a snooze. */
  readonly updatedAt: string;
}
