import type { ParticipationDeadlines } from './deadlines/Deadline.js';
import type { NativeStatus, ParticipationHistoryEntry, ParticipationState, SuspensionReason, TriggerStep } from '@flexroll/sdk';

/** Dispatch consent as recorded; expired or revoked consent raises the AWAITING_CONSENT suspension. */
export interface ConsentRecord {
  readonly grantedAt: string;
  readonly expiresAt?: string;
  readonly termsVersion: string;
  readonly revokedAt?: string;
}

/** Whether the device can be controlled, as last reported, and since when (seed 000's AWAITING_DISPATCH). */
export interface DispatchControl {
  readonly available: boolean;
  readonly since: string;
}

/**
 * A device's VPP participation (seed 001), one per enrollment with a device, plus what the platform keeps
 * internally: consent, last telemetry time, meter access, settlement, and the operator's native state as its
 * adapter last reported it (so a disagreement between the two models can be seen).
 */
export interface Participation {
  readonly id: string;
  readonly liveMode: boolean;
  readonly deviceId: string;
  readonly locationId: string;
  readonly accountId: string;
  /** The provider's own reference for this participation (seed 002). */
  readonly referenceId?: string;
  readonly state: ParticipationState;
  readonly suspensionReasons: readonly SuspensionReason[];
  /**
   * Who raised each active suspension reason (absent for one raised before owners were recorded): an adapter's
   * `suspension_cleared` clears only a reason it raised as its own (`adapter`). Internal: the API shows only seed
   * 000's reasons, never their owners.
   */
  readonly suspensionOwners?: Readonly<Partial<Record<SuspensionReason, SuspensionOwner>>>;
  readonly history: readonly ParticipationHistoryEntry[];
  readonly consent?: ConsentRecord;
  readonly lastTelemetryAt?: string;
  readonly meterAccessAvailable: boolean;
  readonly dispatchControl?: DispatchControl;
  readonly rewardsSettledAt?: string;
  readonly operatorNativeState?: string;
  /** The operator's named statuses as its adapter last reported them (KrakenFlex: device, testDispatch, …). */
  readonly nativeStatuses?: Readonly<Record<string, NativeStatus>>;
  /** Per stream of operator events, the operator's time and sequence of the last one applied (older ones are not). */
  readonly operatorClock?: Readonly<Record<string, OperatorClockMark>>;
  /** Trigger steps an operator's effect asked for ahead of their state, waiting for it. */
  readonly awaiting?: readonly TriggerStep[];
  /**
   * The deadline of the step in progress and the one closed last (issue 20), folded from the terms each
   * `participation.state_changed` carries. Internal: not shown by the API's participation or enrollment, nor to adapters.
   */
  readonly deadlines?: ParticipationDeadlines;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * Who raised a suspension reason: an adapter as its own (`owned`, so it may clear it), an adapter reporting the
 * operator's word without owning it (`operator`), an API caller (`api`: a trigger or a provider's submission), or the
 * platform's own rules on consent, telemetry and dispatch control (`platform`, from a route or a sweep).
 */
export type SuspensionOwner = 'adapter' | 'operator' | 'api' | 'platform';

/** Where one stream of an operator's events stands: the operator's time and sequence of the last one applied. */
export interface OperatorClockMark {
  readonly at: string;
  readonly sequence?: number;
}

/** The internal participation fields an event may set (state moves go through the state machine instead). */
export type ParticipationFacts = {
  -readonly [K in 'referenceId' | 'consent' | 'lastTelemetryAt' | 'meterAccessAvailable' | 'dispatchControl' | 'rewardsSettledAt' | 'operatorNativeState' | 'awaiting']?: Participation[K];
};
