import { expectOneOf } from '../validation/expectOneOf.js';
import { expectArray, expectOptionalBoolean, expectRecord } from '../validation/expectShape.js';
import { fieldError } from '../validation/fieldError.js';
import { readSuspensionReasons } from './participationInput.js';
import { TIMELINE_STATUSES } from './ParticipationTimelineEntry.js';
import type { SubmissionContext } from './ParticipationSubmission.js';
import { PARTICIPATION_STATES } from './states.js';
import type { SuspensionReason } from './suspensionReasons.js';
import { V2_PARTICIPATION_STATES, type ParticipationVocabulary } from './vocabulary.js';
import { readVocabulary } from './vocabularyTranslation.js';

/** A checked entry that states a state reached (not PENDING), with its index in the submission. Internal to the SDK. */
export interface ReachedEntry {
  readonly index: number;
  /** The state's name in the submission's vocabulary. */
  readonly name: string;
  readonly reasons: readonly SuspensionReason[];
}

/** A checked context. Internal to the SDK. */
export interface CheckedSubmissionContext {
  readonly vocabulary: ParticipationVocabulary;
  readonly meterAccessRequired?: boolean;
  readonly meterAccessAvailable?: boolean;
}

/**
 * Reads a submission's entries, every one of them before anything is planned: a state name of the vocabulary, a
 * known status, known and distinct reasons — at least one in SUSPENDED, none elsewhere. Returns the entries that
 * state a state reached (PENDING ones are expected states, not reached), in order. Internal to the SDK.
 * @example readEntries([{ state: 'CHECKING_ELIGIBILITY' }], 'v2') // [{ index: 0, name: 'CHECKING_ELIGIBILITY', reasons: [] }]
 */
export function readEntries(value: unknown, vocabulary: ParticipationVocabulary): ReachedEntry[] {
  const names: readonly string[] = vocabulary === 'v1' ? PARTICIPATION_STATES : V2_PARTICIPATION_STATES;
  const reached: ReachedEntry[] = [];
  expectArray(value, '/entries').forEach((item, index) => {
    const field = `/entries/${index}`;
    const record = expectRecord(item, field);
    const name = expectOneOf(record.state, names, `${field}/state`);
    const status = record.status === undefined ? undefined : expectOneOf(record.status, TIMELINE_STATUSES, `${field}/status`);
    const reasons = record.suspensionReasons === undefined ? [] : readSuspensionReasons(record.suspensionReasons, `${field}/suspensionReasons`);
    if (name === 'SUSPENDED' && reasons.length === 0) {
      throw fieldError(`${field}/suspensionReasons`, 'required_when_suspended', 'must list at least one reason when the state is SUSPENDED: the list is the complete set of active reasons.');
    }
    if (name !== 'SUSPENDED' && reasons.length > 0) {
      throw fieldError(`${field}/suspensionReasons`, 'empty_unless_suspended', `must be empty when the state is ${name}; reasons apply only in SUSPENDED.`);
    }
    if (status !== 'PENDING') reached.push({ index, name, reasons });
  });
  return reached;
}

/** Reads a submission context; the vocabulary defaults to `v1`. Internal to the SDK. @example readSubmissionContext({ vocabulary: 'v2' }) */
export function readSubmissionContext(value: unknown): CheckedSubmissionContext {
  if (value === undefined) return { vocabulary: 'v1' };
  const record = expectRecord(value, '/context') as Readonly<Record<keyof SubmissionContext, unknown>>;
  return {
    vocabulary: record.vocabulary === undefined ? 'v1' : readVocabulary(record.vocabulary),
    meterAccessRequired: expectOptionalBoolean(record.meterAccessRequired, '/context/meterAccessRequired'),
    meterAccessAvailable: expectOptionalBoolean(record.meterAccessAvailable, '/context/meterAccessAvailable'),
  };
}
