import type { ParticipationState, WaitingOn } from '@flexroll/sdk';

/**
 * Who must act for a participation's step in progress to end (issue 20): the customer, the programme's operator, the
 * workspace (its administrators or its own systems) or the platform itself. Derived from the state (and, in
 * SUSPENDED, the suspension reasons) by one rule of the participation policy (`waitingOnOf` in the SDK), and defined
 * there, once: the core re-exports it.
 */
export { WAITING_ON, type WaitingOn } from '@flexroll/sdk';

/**
 * Where a deadline stands.
 * - `pending`: open, nothing announced yet;
 * - `due_soon`: open, `participation.deadline_due_soon` was announced;
 * - `missed`: open, `participation.deadline_missed` was announced;
 * - `met`: the participation moved on by `expectedAt`;
 * - `met_late`: it moved on after `expectedAt` (with `participation.deadline_met` when the miss had been announced);
 * - `cancelled`: it left the state some other way (failed, withdrew, offboarded).
 */
export const DEADLINE_STATUSES = ['pending', 'due_soon', 'missed', 'met', 'met_late', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/** The statuses of a deadline still open: its step is in progress. */
export const OPEN_DEADLINE_STATUSES: readonly DeadlineStatus[] = Object.freeze(['pending', 'due_soon', 'missed']);

/**
 * The statuses of a deadline that is due (announced due soon, or missed): the overdue queue's actionable deadlines and
 * the console home's counts. Only an open deadline has one.
 */
export const ACTIONABLE_DEADLINE_STATUSES: readonly DeadlineStatus[] = Object.freeze(['due_soon', 'missed']);

/**
 * A deadline's terms, fixed when its step began (the `participation.state_changed` that entered the state carries
 * them, worked out from the instance's settings at that moment): a change of the instance's expected durations, lead
 * time or alerting states applies from the next step, never to a deadline already open.
 */
export interface DeadlineTerms {
  /** `dl_` and a hash of the participation's id, the state and `enteredAt`: the same step always has the same id. */
  readonly id: string;
  readonly state: ParticipationState;
  /** When the step began: the `occurredAt` of the event that entered the state. */
  readonly enteredAt: string;
  /**
   * When the step is expected to be over: `enteredAt` plus the state's expected duration (plus any time the clock was
   * paused). Absent while the clock is paused.
   */
  readonly expectedAt?: string;
  /** When `participation.deadline_due_soon` is due: `expectedAt` less the instance's lead time. Absent while paused. */
  readonly dueSoonAt?: string;
  readonly waitingOn: WaitingOn;
  /** Whether the instance raises alerts in this state; without them the deadline is kept and listed, and fires nothing. */
  readonly alerts: boolean;
  /**
   * Set while a suspension reason whose end nothing predicts is active (seed 000: OPERATOR_REQUEST, CUSTOMER_REQUEST):
   * when the clock stopped and how much of the expected duration was left then; and the step's lead time, so that the
   * clock starts again on the step's own terms (`dueSoonAt` is `expectedAt` less it), not the instance's of the day.
   */
  readonly paused?: { readonly since: string; readonly remainingMs: number; readonly leadTimeMs?: number };
}

/** The announcements made for a deadline: when each event was recorded. */
export interface DeadlineAnnouncements {
  readonly dueSoon?: string;
  readonly missed?: string;
  readonly met?: string;
}

/** A participation's deadline as its log has it: the terms, what was announced, and, once closed, how and when. */
export interface Deadline extends DeadlineTerms {
  readonly status: DeadlineStatus;
  readonly announced: DeadlineAnnouncements;
  /** When the participation left the state (closed deadlines only). */
  readonly closedAt?: string;
}

/**
 * What a participation keeps of its deadlines (`Participation.deadlines`): the open one, of the step in progress,
 * and the one closed last, kept until the next one closes so that a missed deadline met later is announced.
 */
export interface ParticipationDeadlines {
  readonly open?: Deadline;
  readonly last?: Deadline;
}

/** Per-instance deadline settings (`ProgramInstance.deadlines`), beside the expected durations. */
export interface DeadlineSettings {
  /** How long before `expectedAt` the due-soon alert fires, as an ISO-8601 duration; default `PT24H`, `PT0S` for none. */
  readonly leadTime?: string;
  /** The states whose deadlines raise alerts; default every state with an expected duration. */
  readonly alertStates?: readonly ParticipationState[];
}

export const DEFAULT_DEADLINE_LEAD_TIME = 'PT24H';
