import { createHash } from 'node:crypto';
import { waitingOnOf, type ParticipationSnapshot, type ParticipationState, type SuspensionReason } from '@flexroll/sdk';
import { deadlineSettingsOf, expectedDurationsMs, type ProgramInstance } from '../../programs/index.js';
import type { DeadlineTerms } from './Deadline.js';

/**
 * The suspension reasons that stop a SUSPENDED deadline's clock: nothing predicts their end. Seed 000 says of
 * OPERATOR_REQUEST only "When the operator removes the suspension", and of CUSTOMER_REQUEST "You can resume at any
 * time" — a pause someone chose, not a fault to be fixed by a date. The other reasons (AWAITING_TELEMETRY,
 * AWAITING_DISPATCH, AWAITING_CONSENT) are faults someone is expected to fix, so their clock runs.
 */
export const CLOCK_PAUSING_REASONS: readonly SuspensionReason[] = Object.freeze(['OPERATOR_REQUEST', 'CUSTOMER_REQUEST']);

/** The instance settings a step's terms are worked out from. */
export type DeadlineInstance = Pick<ProgramInstance, 'noticePeriodDays' | 'expectedDurations' | 'deadlines'>;

/** A step beginning (or, in SUSPENDED, going on with other reasons): what its terms are worked out from. */
export interface StepStart {
  readonly participationId: string;
  /** The state left; undefined for the participation's first step, at its creation. */
  readonly from?: ParticipationState;
  /** The state entered, with its suspension reasons. */
  readonly to: ParticipationSnapshot;
  /** When the move happens: the `occurredAt` of its `participation.state_changed`. */
  readonly occurredAt: string;
  /** The participation's open deadline before the move: a SUSPENDED step going on keeps its id, start and settings. */
  readonly open?: DeadlineTerms;
  /** Whether the participation's rewards are settled (WINDING_DOWN then waits on the platform). */
  readonly rewardsSettled: boolean;
}

/**
 * The terms of the step a move begins: what its `participation.state_changed` carries as `data.deadline`, fixed
 * then from the instance's settings. Undefined for a state nobody is expected to end (no expected duration, or
 * nobody waited on), and for a SUSPENDED step going on that had no deadline (it began before deadlines were kept).
 * A SUSPENDED→SUSPENDED move is the same step: the terms keep its id and start, and the clock pauses or resumes by
 * {@link CLOCK_PAUSING_REASONS}.
 * @example deadlineTerms({ participationId: 'vpo_1', to: { state: 'AWAITING_CONSENT', suspensionReasons: [] }, occurredAt: '2026-01-01T00:00:00.000Z', rewardsSettled: false }, instance)
 */
export function deadlineTerms(step: StepStart, instance: DeadlineInstance): DeadlineTerms | undefined {
  const { state, suspensionReasons } = step.to;
  const waitingOn = waitingOnOf(state, suspensionReasons, { rewardsSettled: step.rewardsSettled });
  if (waitingOn === undefined) return undefined;
  if (step.from === 'SUSPENDED' && state === 'SUSPENDED') {
    return step.open?.state === 'SUSPENDED' ? goingOn(step.open, waitingOn, pausing(suspensionReasons), step.occurredAt) : undefined;
  }
  const durationMs = expectedDurationsMs(instance)[state];
  if (durationMs === undefined) return undefined;
  const { leadTimeMs, alertStates } = deadlineSettingsOf(instance);
  const begun = { id: deadlineId(step.participationId, state, step.occurredAt), state, enteredAt: step.occurredAt, waitingOn, alerts: alertStates.includes(state) };
  if (pausing(suspensionReasons)) return { ...begun, paused: { since: step.occurredAt, remainingMs: durationMs, leadTimeMs } };
  return { ...begun, ...running(step.occurredAt, durationMs, leadTimeMs) };
}

/**
 * The same SUSPENDED step with other reasons: its id, start and alerting kept; the clock stopped when a pausing
 * reason is raised, started again for the time that was left when the last one clears.
 */
function goingOn(open: DeadlineTerms, waitingOn: DeadlineTerms['waitingOn'], paused: boolean, at: string): DeadlineTerms {
  const { id, state, enteredAt, alerts } = open;
  const kept = { id, state, enteredAt, waitingOn, alerts };
  if (paused) {
    if (open.paused !== undefined) return { ...kept, paused: open.paused };
    const expectedMs = Date.parse(open.expectedAt ?? at);
    const leadTimeMs = open.dueSoonAt === undefined ? 0 : expectedMs - Date.parse(open.dueSoonAt);
    return { ...kept, paused: { since: at, remainingMs: Math.max(0, expectedMs - Date.parse(at)), leadTimeMs } };
  }
  if (open.paused === undefined) return { ...kept, ...clock(open) };
  return { ...kept, ...running(at, open.paused.remainingMs, open.paused.leadTimeMs ?? 0) };
}

/** A running clock: `expectedAt`, and `dueSoonAt` when the lead time is shorter than the time left (else no due-soon). */
function running(from: string, remainingMs: number, leadTimeMs: number): Pick<DeadlineTerms, 'expectedAt' | 'dueSoonAt'> {
  const expectedMs = Date.parse(from) + remainingMs;
  const expectedAt = new Date(expectedMs).toISOString();
  if (leadTimeMs <= 0 || leadTimeMs >= remainingMs) return { expectedAt };
  return { expectedAt, dueSoonAt: new Date(expectedMs - leadTimeMs).toISOString() };
}

function clock(open: DeadlineTerms): Pick<DeadlineTerms, 'expectedAt' | 'dueSoonAt'> {
  return { ...(open.expectedAt === undefined ? {} : { expectedAt: open.expectedAt }), ...(open.dueSoonAt === undefined ? {} : { dueSoonAt: open.dueSoonAt }) };
}

function pausing(reasons: readonly SuspensionReason[]): boolean {
  return reasons.some((reason) => CLOCK_PAUSING_REASONS.includes(reason));
}

/**
 * A step's deadline id: `dl_` and 24 hex digits of the SHA-256 of `participationId:state:enteredAt`, so the same
 * step always has the same id, whoever works it out.
 * @example deadlineId('vpo_1', 'AWAITING_CONSENT', '2026-01-01T00:00:00.000Z') // 'dl_…'
 */
export function deadlineId(participationId: string, state: ParticipationState, enteredAt: string): string {
  return `dl_${createHash('sha256').update(`${participationId}:${state}:${enteredAt}`).digest('hex').slice(0, 24)}`;
}
