import type { ParticipationState } from '../participation/states.js';
import type { SuspensionReason } from '../participation/suspensionReasons.js';
import type { ParticipationTrigger } from '../participation/triggers.js';
import type { OperatorReference } from './OperatorReference.js';

/**
 * One trigger of a chain an effect asks for. Without `awaitState` it fires now, and must be legal where the
 * participation stands by then (an illegal one is the adapter's fault: recorded as `adapter.failed`, answered 502).
 * With `awaitState` it fires when the participation is in that state: now if it already is, otherwise it waits on
 * the participation and fires in the change that brings it there (an operator's early verdict waiting for its
 * step); it is dropped, with a trace, once that state can no longer come.
 *
 * @example
 * const early: TriggerStep = { trigger: 'eligibility_confirmed', awaitState: 'AWAITING_ELIGIBILITY', reason: 'Kraken: ELIGIBLE' };
 */
export interface TriggerStep {
  readonly trigger: ParticipationTrigger;
  /** Required for `suspension_raised` and `suspension_cleared`. */
  readonly suspensionReason?: SuspensionReason;
  /** Kept in the audit trail (and as the enrollment's reason where the status moves). */
  readonly reason?: string;
  readonly awaitState?: ParticipationState;
  /**
   * With `suspension_raised`: the reason is the adapter's own (the operator's pause, such as a low battery), so the
   * adapter may clear it again. An adapter's `suspension_cleared` clears only a reason it raised as its own; a reason
   * a person raised through the API, the platform's own rules raised, or the adapter raised without `owned` is left
   * as it is, and the clear is traced `ignored` with a note.
   */
  readonly owned?: boolean;
}

/**
 * Facts an operator's report implies, recorded as the platform's own routes would record them, each with the
 * trigger it implies there: telemetry moves AWAITING_TELEMETRY on (or clears the AWAITING_TELEMETRY suspension),
 * meter access moves AWAITING_METER_ACCESS on, a settlement lets the wind-down complete.
 *
 * @example
 * // A passed test dispatch: the device reported, so telemetry is established.
 * const facts: OperatorFacts = { telemetryAt: '2025-01-01T09:00:00Z' };
 */
export interface OperatorFacts {
  /** When the device last reported (ISO-8601), as `POST /vpp-participations/{id}/telemetry`. */
  readonly telemetryAt?: string;
  /** Boundary-meter access is available, as `POST /vpp-participations/{id}/meter-access`. */
  readonly meterAccessGranted?: true;
  /** Outstanding rewards were settled at this time, as `POST /vpp-participations/{id}/rewards-settlement`. */
  readonly rewardsSettledAt?: string;
}

/**
 * What an operator's report means for the participation, applied in this order: the operator's references linked,
 * its named native statuses recorded, the facts recorded (with the triggers they imply), `trigger`, then each of
 * `steps`. All of it is one change: the platform checks each trigger against the participation machine.
 *
 * @example
 * // KrakenFlex reports PENDING_LIVE for a device still awaiting telemetry: the test charge passed, so telemetry
 * // is established and control confirmed, whichever step the participation is at.
 * const effect: OperatorEventEffect = {
 *   nativeStatuses: { device: 'PENDING_LIVE' },
 *   facts: { telemetryAt: '2025-01-01T09:00:00Z' },
 *   steps: [{ trigger: 'control_confirmed', awaitState: 'CONFIRMING_DISPATCH' }],
 * };
 */
export interface OperatorEventEffect {
  readonly trigger?: ParticipationTrigger;
  readonly suspensionReason?: SuspensionReason;
  readonly reason?: string;
  /** With `trigger: 'suspension_raised'`: the reason is the adapter's own, which it may clear again (see {@link TriggerStep.owned}). */
  readonly owned?: boolean;
  /** The operator's own single name for where the device stands, kept as `operatorNativeState` (see `nativeStatuses`). */
  readonly nativeState?: string;
  /**
   * The operator's named statuses, by the names the manifest declares in `nativeStatuses` (KrakenFlex: `device`,
   * `testDispatch`, `smartControl`, `eligibility`), each a value that declaration lists. Kept beside Flexroll's
   * state, shown in the participation response, and compared with it for drift.
   */
  readonly nativeStatuses?: Readonly<Record<string, string>>;
  readonly facts?: OperatorFacts;
  /** Further triggers after `trigger`, in order (a chain such as leave_requested → notice_served). */
  readonly steps?: readonly TriggerStep[];
  /** The operator's ids for this participation, linked to it (see {@link OperatorReferenceBook}). */
  readonly references?: readonly OperatorReference[];
  /**
   * For `sync` answers: when the operator observed this (ISO-8601; the poll's time if absent), its sequence number,
   * and the stream they order within (see {@link OperatorEvent}). Inbound events carry these on the event instead.
   */
  readonly observedAt?: string;
  readonly sequence?: number;
  readonly stream?: string;
}

/**
 * An event from the operator, already validated against the manifest's schema for its type. `occurredAt` and
 * `sequence` are the operator's own time and order: within one `stream` (by default the event's type), an event
 * older than the last one applied is recorded (`participation.operator_event`, outcome `stale`) and not applied;
 * one with the same sequence number is recorded as a `duplicate`.
 *
 * @example
 * const event: OperatorEvent = {
 *   type: 'device.status', payload: { deviceId: 'krakenflex-device-7f3a', status: 'LIVE' },
 *   occurredAt: '2025-01-01T09:00:00Z', sequence: 42, reference: { kind: 'device', value: 'krakenflex-device-7f3a' },
 * };
 */
export interface OperatorEvent<Type extends string = string, Payload = unknown> {
  readonly type: Type;
  /** Valid against the manifest's schema for its type; typed from it when that schema was built with `Type`. */
  readonly payload: Payload;
  /**
   * The operator's id for this event, kept in the trace. An event from a webhook with an id is applied once per
   * program instance, adapter and id: a redelivery is recorded as a `duplicate` and not applied (nor mapped again),
   * with or without a `sequence`. Give every event the operator's own id when it has one.
   */
  readonly id?: string;
  readonly occurredAt?: string;
  readonly sequence?: number;
  readonly stream?: string;
  /** The operator's id for the participation this event is about. */
  readonly reference?: OperatorReference;
}
