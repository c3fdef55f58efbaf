import { expectOneOf } from '../validation/expectOneOf.js';
import { expectArray, expectRecord } from '../validation/expectShape.js';
import { describeValue, fieldError } from '../validation/fieldError.js';
import { readParticipationState, readSuspensionReasons } from './participationInput.js';
import { TIMELINE_STATUSES, type ParticipationTimelineEntry, type TimelineStatus } from './ParticipationTimelineEntry.js';
import type { ParticipationState } from './states.js';
import type { ParticipationVocabulary, V2ParticipationState } from './vocabulary.js';
import { readVocabulary, toVocabulary } from './vocabularyTranslation.js';

/**
 * A timeline entry with its state named in a chosen vocabulary.
 * @example const entry: VocabularyTimelineEntry = { ...timeline[0], state: 'AWAITING_CUSTOMER_CONSENT' }
 */
export type VocabularyTimelineEntry = Omit<ParticipationTimelineEntry, 'state'> & { readonly state: ParticipationState | V2ParticipationState };

const STATUS_WEIGHT: Readonly<Record<TimelineStatus, number>> = { COMPLETE: 0, PENDING: 1, IN_PROGRESS: 2 };

/**
 * Renames a timeline's states into a vocabulary and merges consecutive entries that now share a name (in v2,
 * CONFIRMING_DISPATCH and AWAITING_ELIGIBILITY both become CHECKING_ELIGIBILITY). A merged entry is IN_PROGRESS if
 * any part is, else PENDING if any part is, else COMPLETE; it keeps the first part's `occurred_at` (or the first
 * known one) and `expected_at`, and takes `description` and `suspension_reasons` from the IN_PROGRESS part, or else
 * from the last part.
 * @throws InputError naming the field (`/entries/0/state`, `/vocabulary`, …) for malformed input.
 * @example
 * renderTimelineInVocabulary(buildParticipationTimeline(history), 'v2').map((entry) => entry.state)
 * // ['ENROLMENT_REQUESTED', 'AWAITING_CUSTOMER_CONSENT', 'AWAITING_DEVICE_TELEMETRY', 'CHECKING_ELIGIBILITY', …]
 */
export function renderTimelineInVocabulary(entries: readonly ParticipationTimelineEntry[], vocabulary: ParticipationVocabulary): VocabularyTimelineEntry[] {
  const target = readVocabulary(vocabulary);
  const rendered: VocabularyTimelineEntry[] = [];
  expectArray(entries, '/entries').forEach((item, index) => {
    const entry = readTimelineEntry(item, `/entries/${index}`);
    const renamed: VocabularyTimelineEntry = { ...entry, state: toVocabulary(entry.state, target), suspension_reasons: [...entry.suspension_reasons] };
    const last = rendered.at(-1);
    if (last === undefined || last.state !== renamed.state) rendered.push(renamed);
    else rendered[rendered.length - 1] = mergeEntries(last, renamed);
  });
  return rendered;
}

function mergeEntries(first: VocabularyTimelineEntry, next: VocabularyTimelineEntry): VocabularyTimelineEntry {
  const voice = first.status === 'IN_PROGRESS' ? first : next;
  return {
    state: first.state,
    status: STATUS_WEIGHT[next.status] > STATUS_WEIGHT[first.status] ? next.status : first.status,
    description: voice.description,
    occurred_at: first.occurred_at ?? next.occurred_at,
    expected_at: first.expected_at,
    suspension_reasons: voice.suspension_reasons,
  };
}

function readTimelineEntry(value: unknown, field: string): ParticipationTimelineEntry {
  const record = expectRecord(value, field);
  return {
    state: readParticipationState(record.state, `${field}/state`),
    status: expectOneOf(record.status, TIMELINE_STATUSES, `${field}/status`),
    description: expectString(record.description, `${field}/description`),
    occurred_at: expectTimeOrNull(record.occurred_at, `${field}/occurred_at`),
    expected_at: expectTimeOrNull(record.expected_at, `${field}/expected_at`),
    suspension_reasons: readSuspensionReasons(record.suspension_reasons, `${field}/suspension_reasons`),
  };
}

function expectString(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  throw fieldError(field, 'type', `must be a string; got ${describeValue(value)}.`);
}

function expectTimeOrNull(value: unknown, field: string): string | null {
  return value === null ? null : expectString(value, field);
}
