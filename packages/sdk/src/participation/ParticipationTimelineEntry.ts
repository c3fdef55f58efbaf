import type { ParticipationState } from './states.js';
import type { SuspensionReason } from './suspensionReasons.js';

/**
 * Seed 001's timeline statuses: past states are COMPLETE, the current one IN_PROGRESS, expected ones PENDING.
 * @example TIMELINE_STATUSES.includes(entry.status) // true
 */
export const TIMELINE_STATUSES = ['COMPLETE', 'IN_PROGRESS', 'PENDING'] as const;

/** One timeline status. @example const status: TimelineStatus = 'IN_PROGRESS' */
export type TimelineStatus = (typeof TIMELINE_STATUSES)[number];

/**
 * One entry of seed 001's `participation_state` array, field for field (snake_case). Render in array order.
 * @example
 * const entry: ParticipationTimelineEntry = {
 *   state: 'ACTIVE', status: 'IN_PROGRESS', description: 'Your device is active and taking part in the programme.',
 *   occurred_at: '2023-11-07T05:31:56Z', expected_at: null, suspension_reasons: [],
 * }
 */
export interface ParticipationTimelineEntry {
  readonly state: ParticipationState;
  readonly status: TimelineStatus;
  /** The customer-facing message for the state (seed 000), unless {@link TimelineOptions.messages} overrides it. */
  readonly description: string;
  /** When the state was entered (ISO-8601 UTC); null for PENDING entries. */
  readonly occurred_at: string | null;
  /** When the state was (or is) expected to be entered; null when no duration is known for the state before it. The first entry's is its `occurred_at`. */
  readonly expected_at: string | null;
  /** The reasons active in that state (the latest ones, for a SUSPENDED entry); empty otherwise. */
  readonly suspension_reasons: readonly SuspensionReason[];
}

/**
 * How to build a timeline for one programme instance.
 * @example
 * const options: TimelineOptions = { meterAccessRequired: true, expectedDurations: { AWAITING_CONSENT: 86_400_000 } }
 */
export interface TimelineOptions {
  /** The instance requires boundary-meter access: the optional AWAITING_METER_ACCESS step is expected… */
  readonly meterAccessRequired?: boolean;
  /** …unless access is already available. */
  readonly meterAccessAvailable?: boolean;
  /** How long each state is expected to last, in milliseconds; gives the next entry's `expected_at`. */
  readonly expectedDurations?: Partial<Readonly<Record<ParticipationState, number>>>;
  /** Replaces the customer-facing message of a state (an adapter's own wording). */
  readonly messages?: Partial<Readonly<Record<ParticipationState, string>>>;
}
