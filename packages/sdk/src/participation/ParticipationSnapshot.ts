import type { ParticipationState } from './states.js';
import type { SuspensionReason } from './suspensionReasons.js';

/**
 * Where a participation stands: its state and its active suspension reasons (non-empty exactly in SUSPENDED,
 * kept in the seed's order). Snapshots are frozen; a transition returns a new one.
 * @example const snapshot: ParticipationSnapshot = { state: 'ACTIVE', suspensionReasons: [] }
 */
export interface ParticipationSnapshot {
  readonly state: ParticipationState;
  readonly suspensionReasons: readonly SuspensionReason[];
}

/**
 * What a trigger needs beyond its name.
 * - `reason`: for `suspension_raised` and `suspension_cleared` (required there, refused elsewhere).
 * - `meterAccessRequired` / `meterAccessAvailable`: for `telemetry_received`, which goes to AWAITING_METER_ACCESS
 *   only when access is required and not yet available.
 * @example applyParticipationTrigger(snapshot, 'suspension_raised', { reason: 'OPERATOR_REQUEST' })
 */
export interface TriggerContext {
  readonly reason?: SuspensionReason;
  readonly meterAccessRequired?: boolean;
  readonly meterAccessAvailable?: boolean;
}

/**
 * One state the participation entered, and when; the last entry of a history is the current state.
 * @example const entry: ParticipationHistoryEntry = { state: 'ACTIVE', occurredAt: '2023-11-07T05:31:56Z', suspensionReasons: [] }
 */
export interface ParticipationHistoryEntry {
  readonly state: ParticipationState;
  /** ISO-8601 UTC. */
  readonly occurredAt: string;
  readonly suspensionReasons: readonly SuspensionReason[];
}
