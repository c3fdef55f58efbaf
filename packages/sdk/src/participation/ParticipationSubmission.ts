import type { ParticipationSnapshot } from './ParticipationSnapshot.js';
import type { TimelineStatus } from './ParticipationTimelineEntry.js';
import type { SuspensionReason } from './suspensionReasons.js';
import type { ParticipationTrigger } from './triggers.js';
import type { ParticipationVocabulary } from './vocabulary.js';

/**
 * One entry of a provider's submission (seed 002's body, whose entries have seed 001's timeline shape): a state the
 * provider sees the participation in, or saw it pass through. The platform-owned fields of a timeline entry
 * (`description`, `expected_at`) and the provider's time are not part of the plan.
 * @example const entry: SubmissionEntry = { state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST'] }
 */
export interface SubmissionEntry {
  /** A state's name in the submission's vocabulary (seed 002's `CHECKING_ELIGIBILITY` under `v2`). */
  readonly state: string;
  /** Seed 001's timeline status. A PENDING entry is a state expected, not reached: it is skipped. */
  readonly status?: TimelineStatus;
  /** In SUSPENDED, the complete set of active reasons (at least one); empty or absent in every other state. */
  readonly suspensionReasons?: readonly SuspensionReason[];
}

/**
 * What a plan needs besides the entries: the vocabulary their state names are in (default `v1`), and the meter
 * access settings that decide where `telemetry_received` leads.
 * @example const context: SubmissionContext = { vocabulary: 'v2', meterAccessRequired: true }
 */
export interface SubmissionContext {
  readonly vocabulary?: ParticipationVocabulary;
  readonly meterAccessRequired?: boolean;
  readonly meterAccessAvailable?: boolean;
}

/**
 * One trigger of a plan: the entry it brings about (its index in the submission), the trigger, the suspension
 * reason it raises or clears, and where it leaves the participation.
 * @example
 * const step: PlannedStep = { entry: 0, trigger: 'suspension_raised', reason: 'OPERATOR_REQUEST',
 *   to: { state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST'] } }
 */
export interface PlannedStep {
  readonly entry: number;
  readonly trigger: ParticipationTrigger;
  readonly reason?: SuspensionReason;
  readonly to: ParticipationSnapshot;
}

