import { planSubmission, type ParticipationVocabulary, type PlannedStep, type SubmissionEntry } from '@flexroll/sdk';
import { renameInputFields } from '../platform/index.js';
import { fireParticipationTrigger, requireParticipation, type InstanceRules, type EnrollmentChange, providerTime } from '../enrollments/index.js';
import { recordFacts } from '../participation/recordFacts.js';

/** One entry of seed 002's submission: a state the provider sees (in the submission's vocabulary), and when. */
export interface SubmittedState extends SubmissionEntry {
  /** When the provider says the state was reached (ISO-8601); what it causes is recorded at that time. */
  readonly occurredAt?: string;
}

/** Seed 002's submission: the provider's reference, and the states it sees, in order, in one vocabulary. */
export interface StateSubmission {
  readonly vocabulary: ParticipationVocabulary;
  readonly entries: readonly SubmittedState[];
  readonly referenceId?: string;
}

/** The SDK's names for an entry's fields, and seed 002's. */
const ENTRY_FIELDS: Readonly<Record<string, string>> = { state: 'state', status: 'status', suspensionReasons: 'suspension_reasons' };

/**
 * Decides a provider's submission within a change: the SDK's {@link planSubmission} says which triggers bring the
 * participation to what the provider sees (nothing, if it already is so), and each entry's triggers are fired at
 * the entry's own time, checked by {@link providerTime}. Then the provider's reference is recorded. Input errors
 * name seed 002's own fields (`/participation_state/1/suspension_reasons`).
 */
export async function decideSubmission(change: EnrollmentChange, rules: InstanceRules, submission: StateSubmission, clockSkewMs: number): Promise<void> {
  const participation = requireParticipation(change.current.participation);
  let plan: PlannedStep[];
  try {
    plan = planSubmission(participation, submission.entries, {
      vocabulary: submission.vocabulary,
      meterAccessRequired: rules.instance.meterAccessRequired,
      meterAccessAvailable: participation.meterAccessAvailable,
    });
  } catch (error) {
    throw renameInputFields(error, seedField);
  }
  for (const [entry, steps] of byEntry(plan)) {
    const field = `/participation_state/${entry}/occurred_at`;
    const at = providerTime(submission.entries[entry]?.occurredAt, { now: change.recordedAt, notBefore: change.current.updatedAt, clockSkewMs }, field);
    await change.dated(at, async () => {
      for (const step of steps) await fireParticipationTrigger(change, rules, step.trigger, step.reason === undefined ? {} : { reason: step.reason }, undefined, 'api');
    });
  }
  if (submission.referenceId !== undefined) recordFacts(change, { referenceId: submission.referenceId });
}

/** `/entries/2/suspensionReasons` → `/participation_state/2/suspension_reasons`. */
function seedField(field: string): string {
  const match = /^\/entries\/(\d+)(?:\/(\w+))?(.*)$/.exec(field);
  if (match === null) return field;
  const [, index, name, rest] = match;
  return `/participation_state/${index}${name === undefined ? '' : `/${ENTRY_FIELDS[name] ?? name}`}${rest}`;
}

function byEntry(plan: readonly PlannedStep[]): Map<number, PlannedStep[]> {
  const grouped = new Map<number, PlannedStep[]>();
  for (const step of plan) grouped.set(step.entry, [...(grouped.get(step.entry) ?? []), step]);
  return grouped;
}
