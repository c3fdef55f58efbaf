import type { ParticipationState } from '@flexroll/sdk';
import type { Deadline, DeadlineStatus, WaitingOn } from './Deadline.js';

/**
 * A deadline as anyone outside the platform sees it in an event (`GET /events`, a webhook body): the REST API's
 * camelCase names, the moments that are set (a paused clock has no `expectedAt` nor `dueSoonAt`, an open deadline no
 * `closedAt`). What the platform keeps to decide its alerts (`alerts`, `paused`, `announced`) stays inside; the
 * participation's id is the event's `participationId`, the enrollment's its envelope's `enrollmentId`.
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
}

/** The public view of a deadline; see {@link PublicDeadline}. */
export function publicDeadline(deadline: Deadline): PublicDeadline {
  const { id, state, waitingOn, status, enteredAt, expectedAt, dueSoonAt, closedAt } = deadline;
  return {
    id, state, waitingOn, status, enteredAt,
    ...(expectedAt === undefined ? {} : { expectedAt }),
    ...(dueSoonAt === undefined ? {} : { dueSoonAt }),
    ...(closedAt === undefined ? {} : { closedAt }),
  };
}
