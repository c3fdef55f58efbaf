import { announcedDeadline, type Deadline, type DeadlineEventType, type EventDraft, type Participation } from '../enrollments/index.js';

/** A deadline alert, ready to be added to a change. */
export type DeadlineAlert = Extract<EventDraft, { type: DeadlineEventType }>;

/** What the decision reads of a participation. */
export type DeadlineView = Pick<Participation, 'id' | 'deadlines'>;

/**
 * The participation policy's decision on deadlines (issue 20): the one alert the participation's deadlines call for
 * at `at`, if any. The sweep's review applies it on fresh state, through the change (so the loser of the
 * `(enrollmentId, seq)` race re-decides and finds it announced), and asks again until nothing is left:
 * - `participation.deadline_met` first — it happened earlier: the deadline closed last is `met_late` and its miss was
 *   announced, its meeting not yet;
 * - `participation.deadline_missed`: the open deadline raises alerts, its clock runs, `at` is past `expectedAt`, and
 *   its miss was not announced. Strictly past: a move at `expectedAt` itself meets the deadline (`closeDeadline`), so
 *   a sweep at that very moment must not call it missed;
 * - `participation.deadline_due_soon`: likewise, `at` is at or past `dueSoonAt` but not past `expectedAt` (a sweep
 *   that comes late announces only the miss), and neither alert was announced.
 * A paused deadline (no `expectedAt`) or one whose state the instance does not alert on fires nothing.
 * Its timed rule, `deadlineAlertDue`, says when this decision next has something to say.
 * @example decideDeadline(participation, '2026-12-07T09:00:00.000Z')?.type // 'participation.deadline_missed'
 */
export function decideDeadline(participation: DeadlineView, at: string): DeadlineAlert | undefined {
  const { open, last } = participation.deadlines ?? {};
  if (last !== undefined && metLateAfterMiss(last)) return alert('participation.deadline_met', participation.id, last, at);
  const moments = open === undefined || open.announced.missed !== undefined ? undefined : alertMoments(open);
  if (open === undefined || moments === undefined) return undefined;
  const now = Date.parse(at);
  if (now > moments.expectedAt) return alert('participation.deadline_missed', participation.id, open, at);
  if (moments.dueSoonAt === undefined || open.announced.dueSoon !== undefined || now < moments.dueSoonAt) return undefined;
  return alert('participation.deadline_due_soon', participation.id, open, at);
}

/** When an open deadline's alerts fall due (ms): `dueSoonAt` only when it comes before `expectedAt` (a lead time of `PT0S` has none). */
export interface AlertMoments {
  readonly expectedAt: number;
  readonly dueSoonAt?: number;
}

/**
 * An open deadline's alert moments, or undefined when it raises none: the instance does not alert on its state, or
 * its clock is paused (no `expectedAt`).
 */
export function alertMoments(open: Deadline): AlertMoments | undefined {
  if (!open.alerts || open.paused !== undefined || open.expectedAt === undefined) return undefined;
  const expectedAt = Date.parse(open.expectedAt);
  const dueSoonAt = open.dueSoonAt === undefined ? Number.NaN : Date.parse(open.dueSoonAt);
  return dueSoonAt < expectedAt ? { expectedAt, dueSoonAt } : { expectedAt };
}

/** Whether a closed deadline waits for `participation.deadline_met`: met late, its miss announced, its meeting not. */
export function metLateAfterMiss(last: Deadline): boolean {
  return last.status === 'met_late' && last.announced.missed !== undefined && last.announced.met === undefined;
}

function alert(type: DeadlineEventType, participationId: string, deadline: Deadline, at: string): DeadlineAlert {
  return { type, data: { participationId, deadline: announcedDeadline(deadline, type, at) } };
}
