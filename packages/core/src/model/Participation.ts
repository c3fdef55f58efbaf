import type { ParticipationHistoryEntry, ParticipationState, SuspensionReason } from '@flexroll/sdk';

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
  readonly history: readonly ParticipationHistoryEntry[];
  readonly consent?: ConsentRecord;
  readonly lastTelemetryAt?: string;
  readonly meterAccessAvailable: boolean;
  readonly dispatchControl?: DispatchControl;
  readonly rewardsSettledAt?: string;
  readonly operatorNativeState?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The internal participation fields an event may set (state moves go through the state machine instead). */
export type ParticipationFacts = {
  -readonly [K in 'referenceId' | 'consent' | 'lastTelemetryAt' | 'meterAccessAvailable' | 'dispatchControl' | 'rewardsSettledAt' | 'operatorNativeState']?: Participation[K];
};
