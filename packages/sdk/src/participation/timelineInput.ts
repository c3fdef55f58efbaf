import { expectOneOf } from '../validation/expectOneOf.js';
import { expectArray, expectNonNegativeNumber, expectOptionalBoolean, expectRecord } from '../validation/expectShape.js';
import { describeValue, fieldError } from '../validation/fieldError.js';
import { expectTime, seedTime, toIsoUtc } from '../validation/expectTime.js';
import { readParticipationState, readSuspensionReasons } from './participationInput.js';
import type { TimelineOptions } from './ParticipationTimelineEntry.js';
import { PARTICIPATION_STATES, type ParticipationState } from './states.js';
import type { SuspensionReason } from './suspensionReasons.js';

/** A checked history entry, its time in milliseconds. Internal to the SDK. @example const checked: CheckedHistoryEntry = { state: 'ACTIVE', at: 1699335116000, suspensionReasons: [] } */
export interface CheckedHistoryEntry {
  readonly state: ParticipationState;
  readonly at: number;
  /** `at` as seed 001 writes times. */
  readonly iso: string;
  readonly suspensionReasons: readonly SuspensionReason[];
}

/**
 * Reads a participation history: at least one entry, each with a known state, an ISO-8601 `occurredAt` no earlier
 * than the entry before, and suspension reasons non-empty exactly in SUSPENDED. Internal to the SDK.
 * @example readHistory([{ state: 'ENROLMENT_REQUESTED', occurredAt: '2023-11-07T05:31:56Z', suspensionReasons: [] }])
 */
export function readHistory(value: unknown): CheckedHistoryEntry[] {
  const items = expectArray(value, '/history');
  if (items.length === 0) throw fieldError('/history', 'min_items', 'must hold at least one entry; its last entry is the current state.');
  const entries: CheckedHistoryEntry[] = [];
  items.forEach((item, index) => {
    const field = `/history/${index}`;
    const record = expectRecord(item, field);
    const state = readParticipationState(record.state, `${field}/state`);
    const at = expectTime(record.occurredAt, `${field}/occurredAt`);
    const iso = typeof record.occurredAt === 'string' ? seedTime(record.occurredAt, at) : toIsoUtc(at);
    const suspensionReasons = readSuspensionReasons(record.suspensionReasons, `${field}/suspensionReasons`);
    if ((state === 'SUSPENDED') !== (suspensionReasons.length > 0)) {
      throw fieldError(`${field}/suspensionReasons`, 'suspended_only', 'must list at least one reason in SUSPENDED and none in any other state.');
    }
    const before = entries.at(-1);
    if (before !== undefined && at < before.at) throw fieldError(`${field}/occurredAt`, 'chronological', 'must not be earlier than the entry before it.');
    entries.push({ state, at, iso, suspensionReasons });
  });
  return entries;
}

/** Reads timeline options, checking each duration and message against a known state. Internal to the SDK. @example readTimelineOptions({ expectedDurations: { REGISTERED: 60_000 } }) */
export function readTimelineOptions(value: unknown): TimelineOptions {
  if (value === undefined) return {};
  const record = expectRecord(value, '/options');
  return {
    meterAccessRequired: expectOptionalBoolean(record.meterAccessRequired, '/options/meterAccessRequired'),
    meterAccessAvailable: expectOptionalBoolean(record.meterAccessAvailable, '/options/meterAccessAvailable'),
    expectedDurations: readStateMap(record.expectedDurations, '/options/expectedDurations', expectNonNegativeNumber),
    messages: readStateMap(record.messages, '/options/messages', expectText),
  };
}

function readStateMap<T>(value: unknown, field: string, readValue: (item: unknown, field: string) => T): Partial<Record<ParticipationState, T>> {
  if (value === undefined) return {};
  const map: Partial<Record<ParticipationState, T>> = {};
  for (const [key, item] of Object.entries(expectRecord(value, field))) {
    const state = expectOneOf(key, PARTICIPATION_STATES, `${field}/${key}`);
    if (item !== undefined) map[state] = readValue(item, `${field}/${key}`);
  }
  return map;
}

function expectText(value: unknown, field: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw fieldError(field, 'type', `must be a non-empty string; got ${describeValue(value)}.`);
}
