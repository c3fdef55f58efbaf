import type { EnrollmentStatus, ParticipationSnapshot, ParticipationTrigger } from '@flexroll/sdk';
import type { Enrollment, EnrollmentChanges } from './Enrollment.js';
import type { ParticipationFacts } from './Participation.js';

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
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Who caused a change: an API key, an adapter, a scheduled sweep, an administrator, or the platform itself. */
export interface Actor {
  readonly type: 'api_key' | 'adapter' | 'sweep' | 'admin' | 'system';
  readonly id: string;
}

/** Each event type's payload. */
export interface EventDataByType {
  'enrollment.created': { readonly enrollment: Omit<Enrollment, 'seq'> };
  'enrollment.updated': { readonly changes: EnrollmentChanges; readonly previous: EnrollmentChanges };
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
  };
  'participation.updated': { readonly participationId: string; readonly facts: ParticipationFacts };
  'adapter.failed': { readonly adapterId: string; readonly operation: string; readonly code: string; readonly message: string };
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

/** An event before it is placed in the log (the writer assigns ids, sequence numbers and batches). */
export type EventDraft = { [T in EventType]: { readonly type: T; readonly data: EventDataByType[T] } }[EventType];
