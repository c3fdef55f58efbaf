import { expectedPendingStates, type ParticipationState } from '@flexroll/sdk';
import type { Deadline, DeadlineStatus } from './Deadline.js';

/**
 * Whether leaving `from` for `to` is the progress the step was waiting for: a state on the expected path after it
 * (the enrolment path to ACTIVE, with or without the meter step; ACTIVE after SUSPENDED; the unenrolment path to
 * UNENROLLED), or INELIGIBLE from the operator's checks (AWAITING_ELIGIBILITY, AWAITING_REGISTRATION: the operator
 * answered, even if the answer is no). Anything else — FAILED, OFFBOARDED, a move into unenrolment from enrolment or
 * participation, enrolment starting over — is the step abandoned.
 * @example isProgress('AWAITING_CONSENT', 'AWAITING_TELEMETRY') // true
 */
export function isProgress(from: ParticipationState, to: ParticipationState): boolean {
  if (to === 'INELIGIBLE') return from === 'AWAITING_ELIGIBILITY' || from === 'AWAITING_REGISTRATION';
  return expectedPendingStates(from, true).includes(to);
}

/**
 * Closes an open deadline as its participation leaves the state for `to` at `occurredAt`: `met` when that is
 * progress (see {@link isProgress}) by `expectedAt`, `met_late` when progress after it, `cancelled` otherwise. A
 * deadline closed while its clock was paused is `met` by progress: no clock ran out. Its announcements are kept (a
 * `met_late` with `announced.missed` is what `participation.deadline_met` announces).
 * @example closeDeadline(open, 'ACTIVE', '2026-01-02T00:00:00.000Z').status // 'met' when by open.expectedAt
 */
export function closeDeadline(open: Deadline, to: ParticipationState, occurredAt: string): Deadline {
  return { ...open, status: closingStatus(open, to, occurredAt), closedAt: occurredAt };
}

function closingStatus(open: Deadline, to: ParticipationState, occurredAt: string): DeadlineStatus {
  if (!isProgress(open.state, to)) return 'cancelled';
  if (open.paused !== undefined || open.expectedAt === undefined) return 'met';
  return Date.parse(occurredAt) <= Date.parse(open.expectedAt) ? 'met' : 'met_late';
}
