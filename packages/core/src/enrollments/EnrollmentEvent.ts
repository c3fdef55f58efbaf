import type { CustomerDataField, EnrollmentStatus, OperatorReference, ParticipationSnapshot, ParticipationTrigger } from '@flexroll/sdk';
import type { Eligibility, Enrollment, EnrollmentChanges } from './Enrollment.js';
import type { ParticipationFacts, SuspensionOwner } from './Participation.js';
import type { Deadline, DeadlineTerms } from './deadlines/Deadline.js';

/** The event types an enrollment's log holds. */
export const EVENT_TYPES = [
  'enrollment.created',
  'enrollment.updated',
  'enrollment.status_changed',
  'enrollment.deleted',
  'enrollment.eligibility_evaluated',
  'enrollment.eligible_notified',
  'participation.state_changed',
  'participation.updated',
  'adapter.failed',
  'adapter.customer_data_shared',
  'participation.operator_event',
  'enrollment.device_released',
  'participation.deadline_due_soon',
  'participation.deadline_missed',
  'participation.deadline_met',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Who caused a change: an API key, a workspace member signed in to a session, an adapter, a scheduled sweep, an administrator, or the platform itself. */
export interface Actor {
  readonly type: 'api_key' | 'member' | 'adapter' | 'sweep' | 'admin' | 'system';
  readonly id: string;
}

/**
 * What an `enrollment.updated` says changed: data fields (`null` removed), the platform's `enrollmentStartDate`, and,
 * when the status moved, the `eligibility` object (seed 004: "when an enrollment's status or data changes").
 */
export type EnrollmentUpdateChanges = EnrollmentChanges & { readonly eligibility?: Eligibility };

/** Each event type's payload. */
export interface EventDataByType {
  'enrollment.created': { readonly enrollment: Omit<Enrollment, 'seq'> };
  /**
   * `changes` and `previous` hold the new and old values of what changed, and are what the fold applies;
   * `enrollment` is the whole enrollment as the change leaves it, for seed 004's consumers (absent from events
   * recorded before it was added).
   */
  'enrollment.updated': { readonly changes: EnrollmentUpdateChanges; readonly previous: EnrollmentUpdateChanges; readonly enrollment?: Omit<Enrollment, 'seq'> };
  'enrollment.status_changed': {
    readonly from: EnrollmentStatus;
    readonly to: EnrollmentStatus;
    readonly reason?: string;
    readonly enrollmentStartDate?: string;
    /** When the platform's eligibility evaluation made the move: the version of the instance's rules it used. */
    readonly ruleVersion?: number;
    /** With `ruleVersion`, on a move to `ineligible`: the rules that failed. */
    readonly failedRules?: readonly string[];
  };
  'enrollment.deleted': { readonly reason?: string };
  /**
   * An eligibility evaluation whose result could not move the status by itself: a candidate with a device whose
   * participation has not reached the operator's eligibility check yet, or an ineligible one still ineligible
   * under new rules. Its verdict becomes the eligibility reason.
   */
  'enrollment.eligibility_evaluated': { readonly ruleVersion: number; readonly eligible: boolean; readonly reason: string; readonly failedRules: readonly string[] };
  /** The platform's evaluation found the customer eligible: tell them (webhook consumers act on this). */
  'enrollment.eligible_notified': { readonly ruleVersion: number; readonly reason: string; readonly programInstanceId: string };
  'participation.state_changed': {
    readonly participationId: string;
    readonly trigger: ParticipationTrigger | 'criteria_changed';
    readonly from: ParticipationSnapshot;
    readonly to: ParticipationSnapshot;
    readonly reason?: string;
    /**
     * The terms of the step the move begins (or, SUSPENDED to SUSPENDED, of the same step going on), fixed now from
     * the instance's settings (`deadlineTerms`); absent for a state nobody is expected to end, and from events
     * recorded before deadlines were kept. Internal for now: `publicEventData` leaves it out.
     */
    readonly deadline?: DeadlineTerms;
    /** On a `suspension_raised` that added its reason: who raised it (internal, folded into `suspensionOwners`; never shown). */
    readonly raisedBy?: SuspensionOwner;
  };
  'participation.updated': { readonly participationId: string; readonly facts: ParticipationFacts };
  'adapter.failed': { readonly adapterId: string; readonly operation: string; readonly code: string; readonly message: string };
  /**
   * The customer's data was handed to the adapter under its instance's grant: which call, and the names of the
   * fields it carried (never their values). One per call that carried any; the enrollment's audit trail of who saw what.
   */
  'adapter.customer_data_shared': { readonly adapterId: string; readonly operation: string; readonly fields: readonly CustomerDataField[] };
  'participation.operator_event': OperatorEventTrace;
  /**
   * The enrollment's device claim was taken over by another enrollment (`claimedBy`): this enrollment had finished, or
   * its creation did not finish within the claim's lease. Appended before the claim is removed, it is what stops this
   * enrollment from becoming active on the device again, or — as the first event of an id never created — from being
   * created at all.
   */
  'enrollment.device_released': { readonly serialNumber: string; readonly claimedBy: string; readonly reason: string };
  /** The sweep found the participation's open deadline within the instance's lead time of `expectedAt` (issue 20). */
  'participation.deadline_due_soon': DeadlineAnnouncement;
  /** The sweep found the participation's open deadline past its `expectedAt` (issue 20). */
  'participation.deadline_missed': DeadlineAnnouncement;
  /** A deadline whose miss was announced was met after all: the participation moved on late (issue 20). */
  'participation.deadline_met': DeadlineAnnouncement;
}

/** The deadline alert types: appended by the sweep alone, once each per deadline (`decideDeadline`). */
export const DEADLINE_EVENT_TYPES = ['participation.deadline_due_soon', 'participation.deadline_missed', 'participation.deadline_met'] as const;
export type DeadlineEventType = (typeof DEADLINE_EVENT_TYPES)[number];

/**
 * What a deadline alert carries: the participation and its deadline as the announcement leaves it (the status and
 * `announced` include this announcement). The fold takes from it only that the announcement was made.
 */
export interface DeadlineAnnouncement {
  readonly participationId: string;
  readonly deadline: Deadline;
}

/**
 * What became of one report from the operator (an inbound event, or a poll's answer that said something):
 * `applied`; `stale` (older than the last one applied in its stream) or `duplicate` (the same sequence number), both
 * recorded and not applied; `ignored` (the adapter found nothing in it to do); `refused` (the adapter's effect broke
 * a machine's rules: its statuses are kept, nothing else, and an `adapter.failed` follows).
 */
export type OperatorEventOutcome = 'applied' | 'stale' | 'duplicate' | 'ignored' | 'refused';

/** The trace of one operator report, whatever became of it. Its statuses, if applied, are folded into the participation. */
export interface OperatorEventTrace {
  readonly participationId: string;
  readonly adapterId: string;
  /** How it arrived: the operator's webhook, Flexroll's operator-events route, or a poll of the adapter's sync. */
  readonly via: 'webhook' | 'api' | 'sync';
  readonly type: string;
  readonly stream: string;
  /** The operator's time of the event (or of the observation), and its sequence number within the stream. */
  readonly occurredAt: string;
  readonly sequence?: number;
  readonly eventId?: string;
  readonly outcome: OperatorEventOutcome;
  readonly nativeStatuses?: Readonly<Record<string, string>>;
  readonly references?: readonly OperatorReference[];
  /** Why it was not applied, or what waits (steps parked for a later state). */
  readonly note?: string;
}

/** Where a multi-event change sits: every event of one change shares `id`; the first carries the rest. */
export interface EventBatch {
  readonly id: string;
  readonly index: number;
  readonly size: number;
}

interface EventEnvelope<T extends EventType> {
  readonly id: string;
  readonly workspaceId: string;
  readonly enrollmentId: string;
  /** Gap-free per enrollment, from 1; `(enrollmentId, seq)` is unique in every store, which is the concurrency guard. */
  readonly seq: number;
  readonly type: T;
  readonly occurredAt: string;
  /** When the event was written, where that is not `occurredAt` (a provider's own, earlier time for a state it reports). */
  readonly recordedAt?: string;
  readonly actor: Actor;
  /** Where the change came from, e.g. `api`, `adapter:manual`, `sweep:telemetry`, `cli`. */
  readonly source: string;
  readonly data: EventDataByType[T];
  readonly batch: EventBatch;
  /** On the first event of a batch only: the batch's other events, so a reader can finish a batch a crash cut short. */
  readonly followers?: readonly EnrollmentEvent[];
}

/** An immutable fact about one enrollment: its audit trail, its participation timeline and the webhook outbox. */
export type EnrollmentEvent = { [T in EventType]: EventEnvelope<T> }[EventType];

/**
 * An event before it is placed in the log (the writer assigns ids, sequence numbers and batches). `occurredAt` is when
 * it happened, when that is not when it is recorded (a provider's own time for a state it reports).
 */
export type EventDraft = { [T in EventType]: { readonly type: T; readonly data: EventDataByType[T]; readonly occurredAt?: string } }[EventType];
