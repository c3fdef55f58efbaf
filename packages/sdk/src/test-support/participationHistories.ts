import type { ParticipationHistoryEntry } from '../participation/ParticipationSnapshot.js';
import type { ParticipationState } from '../participation/states.js';
import type { SuspensionReason } from '../participation/suspensionReasons.js';

/**
 * Test support: named history builders around seed 001's example participation (`vpo_7c2f1a9e4b0d8f3a6e2c5d10`),
 * which became ACTIVE at 2023-11-07T05:31:56Z, expected at 2023-11-07T05:30:02Z.
 */

export const SEED_001_PARTICIPATION_ID = 'vpo_7c2f1a9e4b0d8f3a6e2c5d10';
export const SEED_001_DEVICE_ID = 'dev_63a6087272941ef077a8fd3e';
export const SEED_001_ACTIVE_AT = '2023-11-07T05:31:56Z';
export const SEED_001_ACTIVE_EXPECTED_AT = '2023-11-07T05:30:02Z';

/** One history entry. @example entry('ACTIVE', '2023-11-07T05:31:56Z') */
export function entry(state: ParticipationState, occurredAt: string, suspensionReasons: SuspensionReason[] = []): ParticipationHistoryEntry {
  return { state, occurredAt, suspensionReasons };
}

/** The enrolment of seed 001's device, without the meter step, up to and including `until`. */
export function seed001Enrolment(until: ParticipationState = 'ACTIVE'): ParticipationHistoryEntry[] {
  const all = [
    entry('ENROLMENT_REQUESTED', '2023-11-07T05:00:00Z'),
    entry('AWAITING_CONSENT', '2023-11-07T05:00:01Z'),
    entry('AWAITING_TELEMETRY', '2023-11-07T05:10:00Z'),
    entry('CONFIRMING_DISPATCH', '2023-11-07T05:20:00Z'),
    entry('AWAITING_ELIGIBILITY', '2023-11-07T05:20:05Z'),
    entry('AWAITING_REGISTRATION', '2023-11-07T05:25:00Z'),
    entry('REGISTERED', '2023-11-07T05:29:02Z'),
    entry('ACTIVE', SEED_001_ACTIVE_AT),
  ];
  const end = all.findIndex((item) => item.state === until);
  if (end < 0) throw new Error(`${until} is not on seed 001's enrolment path without the meter step.`);
  return all.slice(0, end + 1);
}

/** Seed 001's device, then suspended, with its reasons changing over time. */
export function seed001Suspended(): ParticipationHistoryEntry[] {
  return [
    ...seed001Enrolment(),
    entry('SUSPENDED', '2023-11-08T09:00:00Z', ['OPERATOR_REQUEST']),
    entry('SUSPENDED', '2023-11-08T10:00:00Z', ['AWAITING_TELEMETRY', 'OPERATOR_REQUEST']),
    entry('SUSPENDED', '2023-11-08T11:00:00Z', ['AWAITING_TELEMETRY']),
  ];
}
