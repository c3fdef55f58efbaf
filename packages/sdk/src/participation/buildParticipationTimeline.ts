import { toIsoUtc } from '../validation/expectTime.js';
import { expectedPendingStates } from './expectedPendingStates.js';
import type { ParticipationHistoryEntry } from './ParticipationSnapshot.js';
import type { ParticipationTimelineEntry, TimelineOptions, TimelineStatus } from './ParticipationTimelineEntry.js';
import { PARTICIPATION_STATE_DEFINITIONS, type ParticipationState } from './states.js';
import type { SuspensionReason } from './suspensionReasons.js';
import { readHistory, readTimelineOptions, type CheckedHistoryEntry } from './timelineInput.js';

interface Step {
  readonly state: ParticipationState;
  readonly status: TimelineStatus;
  readonly at: number | null;
  readonly iso: string | null;
  readonly suspensionReasons: readonly SuspensionReason[];
}

/**
 * Builds seed 001's `participation_state` timeline from a participation's history (oldest first; the last entry
 * is the current state). Past states are COMPLETE, the current one IN_PROGRESS (always exactly one), and the
 * expected happy path from here PENDING: to ACTIVE while enrolling (with AWAITING_METER_ACCESS only when
 * `meterAccessRequired` and not `meterAccessAvailable`), ACTIVE after SUSPENDED, and on to UNENROLLED while
 * unenrolling. Consecutive entries in one state (a SUSPENDED participation whose reasons change) become one entry
 * that keeps the first `occurred_at` and the latest `suspension_reasons`.
 *
 * `expected_at` of each entry after the first is the entry before's `occurred_at` (or, if PENDING, its
 * `expected_at`) plus that state's `expectedDurations`; null when either is unknown. The first entry, where the
 * lifecycle starts, was expected when it occurred.
 *
 * @throws InputError naming the field for an empty history or a malformed entry or option.
 * @example
 * buildParticipationTimeline([{ state: 'REGISTERED', occurredAt: '2023-11-07T05:31:56Z', suspensionReasons: [] }],
 *   { expectedDurations: { REGISTERED: 60_000 } })
 * // [{ state: 'REGISTERED', status: 'IN_PROGRESS', description: 'Good news, your device is registered.',
 * //    occurred_at: '2023-11-07T05:31:56Z', expected_at: '2023-11-07T05:31:56Z', suspension_reasons: [] },
 * //  { state: 'ACTIVE', status: 'PENDING', description: 'Your device is active and taking part in the programme.',
 * //    occurred_at: null, expected_at: '2023-11-07T05:32:56Z', suspension_reasons: [] }]
 */
export function buildParticipationTimeline(history: readonly ParticipationHistoryEntry[], options?: TimelineOptions): ParticipationTimelineEntry[] {
  const entries = mergeRepeats(readHistory(history));
  const { meterAccessRequired, meterAccessAvailable, expectedDurations = {}, messages = {} } = readTimelineOptions(options);
  const lastIndex = entries.length - 1;
  const steps: Step[] = entries.map((entry, index) => ({
    state: entry.state,
    status: index === lastIndex ? 'IN_PROGRESS' : 'COMPLETE',
    at: entry.at,
    iso: entry.iso,
    suspensionReasons: entry.suspensionReasons,
  }));
  const current = steps[lastIndex]?.state ?? 'ENROLMENT_REQUESTED';
  for (const state of expectedPendingStates(current, meterAccessRequired === true && meterAccessAvailable !== true)) {
    steps.push({ state, status: 'PENDING', at: null, iso: null, suspensionReasons: [] });
  }
  let previous: { state: ParticipationState; time: number | null } | undefined;
  return steps.map((step) => {
    const duration = previous === undefined ? undefined : expectedDurations[previous.state];
    // The first entry is where the lifecycle starts: it was expected the moment it happened.
    const expected = previous === undefined ? step.at : previous.time === null || duration === undefined ? null : previous.time + duration;
    previous = { state: step.state, time: step.at ?? expected };
    return {
      state: step.state,
      status: step.status,
      description: messages[step.state] ?? PARTICIPATION_STATE_DEFINITIONS[step.state].customerMessage,
      occurred_at: step.iso,
      expected_at: expected === null ? null : toIsoUtc(expected),
      suspension_reasons: [...step.suspensionReasons],
    };
  });
}

function mergeRepeats(entries: readonly CheckedHistoryEntry[]): CheckedHistoryEntry[] {
  const merged: CheckedHistoryEntry[] = [];
  for (const entry of entries) {
    const last = merged.at(-1);
    if (last !== undefined && last.state === entry.state) merged[merged.length - 1] = { ...last, suspensionReasons: entry.suspensionReasons };
    else merged.push(entry);
  }
  return merged;
}
