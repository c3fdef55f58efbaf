import { expect } from 'chai';
import fc from 'fast-check';
import { FlexrollError } from '../errors/FlexrollError.js';
import type { ParticipationSnapshot } from './ParticipationSnapshot.js';
import type { SubmissionContext, SubmissionEntry } from './ParticipationSubmission.js';
import { TIMELINE_STATUSES } from './ParticipationTimelineEntry.js';
import { planSubmission } from './planSubmission.js';
import { PARTICIPATION_STATES } from './states.js';
import { SUSPENSION_REASONS } from './suspensionReasons.js';
import { V2_PARTICIPATION_STATES, type ParticipationVocabulary } from './vocabulary.js';
import { toVocabulary } from './vocabularyTranslation.js';

/** The lifecycle in order, so that slices of it are submissions that move a participation along. */
const LIFECYCLE = [
  'ENROLMENT_REQUESTED', 'AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'AWAITING_METER_ACCESS', 'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY',
  'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE', 'SUSPENDED', 'ACTIVE', 'SUSPENDED', 'UNENROLMENT_REQUESTED', 'WINDING_DOWN', 'UNENROLLED', 'OFFBOARDED',
] as const;

const reasonsArbitrary = fc.subarray([...SUSPENSION_REASONS], { minLength: 1 });
const statusArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constantFrom(...TIMELINE_STATUSES) },
);

/**
 * A submission: mostly the provider's timeline so far (a prefix of the lifecycle, with or without the meter step), or
 * a slice of it, or any names of its vocabulary; reasons wherever SUSPENDED is named.
 */
const submissionArbitrary = fc
  .record({
    vocabulary: fc.constantFrom<ParticipationVocabulary>('v1', 'v2'),
    kind: fc.constantFrom('prefix', 'prefix', 'prefix', 'slice', 'any'),
    withMeterStep: fc.boolean(),
    start: fc.nat({ max: LIFECYCLE.length - 1 }),
    length: fc.integer({ min: 1, max: LIFECYCLE.length }),
    anyStates: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    reasons: fc.array(reasonsArbitrary, { minLength: LIFECYCLE.length, maxLength: LIFECYCLE.length }),
    statuses: fc.array(statusArbitrary, { minLength: LIFECYCLE.length, maxLength: LIFECYCLE.length }),
  })
  .map(({ vocabulary, kind, withMeterStep, start, length, anyStates, reasons, statuses }) => {
    const lifecycle = LIFECYCLE.filter((state) => withMeterStep || state !== 'AWAITING_METER_ACCESS');
    const vocabularyNames: readonly string[] = vocabulary === 'v1' ? PARTICIPATION_STATES : V2_PARTICIPATION_STATES;
    const names: readonly string[] =
      kind === 'any'
        ? anyStates.map((pick) => vocabularyNames[pick % vocabularyNames.length]!)
        : lifecycle.slice(kind === 'prefix' ? 0 : start, (kind === 'prefix' ? 0 : start) + length).map((state) => toVocabulary(state, vocabulary));
    const entries: SubmissionEntry[] = names.map((state, index) => ({
      state,
      ...(statuses[index] === undefined ? {} : { status: statuses[index] }),
      ...(state === 'SUSPENDED' ? { suspensionReasons: reasons[index]! } : {}),
    }));
    return { vocabulary, entries };
  });
type Submission = typeof submissionArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** What the platform does with a submission: the whole plan, or nothing when it is refused. */
function send(snapshot: ParticipationSnapshot, submission: Submission, meter: Omit<SubmissionContext, 'vocabulary'>): { snapshot: ParticipationSnapshot; steps: number } {
  try {
    const steps = planSubmission(snapshot, submission.entries, { ...meter, vocabulary: submission.vocabulary });
    return { snapshot: steps.at(-1)?.to ?? snapshot, steps: steps.length };
  } catch (error) {
    expect(FlexrollError.is(error) && ['illegal_transition', 'input'].includes(error.kind), String(error)).to.equal(true);
    return { snapshot, steps: 0 };
  }
}

describe('a participation under random submissions', () => {
  it('having sent each submission twice, ends where sending each once ends, and the second sending plans nothing', function () {
    this.timeout(30_000);
    const reached = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(submissionArbitrary, { minLength: 1, maxLength: 25 }),
        fc.record({ meterAccessRequired: fc.boolean(), meterAccessAvailable: fc.boolean() }),
        (submissions, meter) => {
          let once: ParticipationSnapshot = { state: 'ENROLMENT_REQUESTED', suspensionReasons: [] };
          let twice = once;
          for (const submission of submissions) {
            once = send(once, submission, meter).snapshot;
            twice = send(twice, submission, meter).snapshot;
            const again = send(twice, submission, meter);
            expect(again.steps, JSON.stringify(submission)).to.equal(0);
            twice = again.snapshot;
            expect(twice).to.deep.equal(once);
            reached.add(once.state);
          }
        },
      ),
      { numRuns: 400 },
    );
    expect([...reached]).to.include.members(['AWAITING_METER_ACCESS', 'CONFIRMING_DISPATCH', 'ACTIVE', 'SUSPENDED', 'WINDING_DOWN', 'OFFBOARDED']);
  });
});
