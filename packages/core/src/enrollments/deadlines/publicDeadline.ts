import type { ParticipationState } from '@flexroll/sdk';
import type { Deadline, DeadlineStatus, WaitingOn } from './Deadline.js';

/**
 * A deadline as anyone outside the platform sees it — in an event (`GET /events`, a webhook body), as an enrollment's
 * `deadline` and in the overdue queue: the REST API's camelCase names, the moments that are set (a paused clock has no
 * `expectedAt` nor `dueSoonAt` but `paused`, an open deadline no `closedAt`). What the platform keeps to decide its
 * alerts (`alerts`, `announced`, the paused step's lead time) stays inside: the status says what was announced.
 */
export interface PublicDeadline {
  readonly id: string;
  readonly state: ParticipationState;
  readonly waitingOn: WaitingOn;
  readonly status: DeadlineStatus;
  readonly enteredAt: string;
  readonly expectedAt?: string;
  readonly dueSoonAt?: string;
  readonly closedAt?: string;
  /** While the clock is paused (a suspension nothing predicts the end of): since when, and how much time was left. */
  readonly paused?: { readonly since: string; readonly remainingMs: number };
}

/** The public view of a deadline; see {@link PublicDeadline}. */
export function publicDeadline(deadline: Deadline): PublicDeadline {
  const { id, state, waitingOn, status, enteredAt, expectedAt, dueSoonAt, closedAt, paused } = deadline;
  return {
    id, state, waitingOn, status, enteredAt,
    ...(expectedAt === undefined ? {} : { expectedAt }),
    ...(dueSoonAt === undefined ? {} : { dueSoonAt }),
    ...(closedAt === undefined ? {} : { closedAt }),
    ...(paused === undefined ? {} : { paused: { since: paused.since, remainingMs: paused.remainingMs } }),
  };
}
