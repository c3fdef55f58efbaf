import { expect } from 'chai';
import { expectInputError } from '../test-support/expectInputError.js';
import { entry, seed001Enrolment } from '../test-support/participationHistories.js';
import { buildParticipationTimeline } from './buildParticipationTimeline.js';
import type { ParticipationTimelineEntry } from './ParticipationTimelineEntry.js';
import { PARTICIPATION_STATE_DEFINITIONS, PARTICIPATION_STATES, type ParticipationState } from './states.js';
import { PARTICIPATION_VOCABULARIES, V2_PARTICIPATION_STATES, type ParticipationVocabulary } from './vocabulary.js';
import { renderTimelineInVocabulary } from './vocabularyTimeline.js';
import { fromVocabulary, toVocabulary } from './vocabularyTranslation.js';

const as = <T>(value: unknown): T => value as T;

/** The brief's mapping, written out independently of the code's tables. */
const RENAMED: Partial<Record<ParticipationState, string>> = {
  AWAITING_CONSENT: 'AWAITING_CUSTOMER_CONSENT',
  AWAITING_TELEMETRY: 'AWAITING_DEVICE_TELEMETRY',
  AWAITING_METER_ACCESS: 'AWAITING_LOCATION_TELEMETRY',
  AWAITING_ELIGIBILITY: 'CHECKING_ELIGIBILITY',
  CONFIRMING_DISPATCH: 'CHECKING_ELIGIBILITY',
};

describe(toVocabulary.name, () => {
  it('having the two vocabularies, lists v1 and v2', () => {
    expect([...PARTICIPATION_VOCABULARIES]).to.deep.equal(['v1', 'v2']);
  });
  for (const state of PARTICIPATION_STATES) {
    it(`when called with ${state}, gives itself in v1 and ${RENAMED[state] ?? state} in v2`, () => {
      expect(toVocabulary(state, 'v1')).to.equal(state);
      expect(toVocabulary(state, 'v2')).to.equal(RENAMED[state] ?? state);
    });
  }
  it('when called with bad input, names /state or /vocabulary', () => {
    expectInputError(() => toVocabulary(as('LIVE'), 'v2'), '/state', 'one_of');
    expectInputError(() => toVocabulary('ACTIVE', as('v3')), '/vocabulary', 'one_of');
    expectInputError(() => toVocabulary('ACTIVE', as(2)), '/vocabulary', 'one_of');
  });
});

describe(fromVocabulary.name, () => {
  it('when every state goes to v2 and back, returns it, except CONFIRMING_DISPATCH, which reads back as AWAITING_ELIGIBILITY', () => {
    for (const state of PARTICIPATION_STATES) {
      expect(fromVocabulary(toVocabulary(state, 'v2'), 'v2')).to.equal(state === 'CONFIRMING_DISPATCH' ? 'AWAITING_ELIGIBILITY' : state);
      expect(fromVocabulary(state, 'v1')).to.equal(state);
    }
  });
  it('when every v2 name is read and written again, gives the same name', () => {
    for (const name of V2_PARTICIPATION_STATES) expect(toVocabulary(fromVocabulary(name, 'v2'), 'v2')).to.equal(name);
  });
  it('when called with a name of the other vocabulary, names the field and lists the allowed names', () => {
    const error = expectInputError(() => fromVocabulary('AWAITING_CONSENT', 'v2'), '/state', 'one_of');
    expect(error.message).to.include(V2_PARTICIPATION_STATES.join(', '));
    expectInputError(() => fromVocabulary('AWAITING_CUSTOMER_CONSENT', 'v1'), '/state', 'one_of');
  });
  it('when called with a field name, names that field', () => {
    expectInputError(() => fromVocabulary('PAUSED', 'v2', '/participation_state/0/state'), '/participation_state/0/state', 'one_of');
    expectInputError(() => fromVocabulary(as(null), 'v1'), '/state', 'one_of');
    expectInputError(() => fromVocabulary('ACTIVE', as('V2')), '/vocabulary', 'one_of');
  });
});

describe(renderTimelineInVocabulary.name, () => {
  const render = (timeline: ParticipationTimelineEntry[], vocabulary: ParticipationVocabulary = 'v2') => renderTimelineInVocabulary(timeline, vocabulary);

  describe('having a timeline now in CONFIRMING_DISPATCH', () => {
    const timeline = buildParticipationTimeline(seed001Enrolment('CONFIRMING_DISPATCH'), { expectedDurations: { CONFIRMING_DISPATCH: 5000 } });
    it('when called with v2, merges it with AWAITING_ELIGIBILITY into one CHECKING_ELIGIBILITY entry, IN_PROGRESS', () => {
      const rendered = render(timeline);
      expect(rendered.map((item) => item.state)).to.deep.equal(['ENROLMENT_REQUESTED', 'AWAITING_CUSTOMER_CONSENT', 'AWAITING_DEVICE_TELEMETRY', 'CHECKING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE']);
      expect(rendered[3]).to.deep.equal({
        state: 'CHECKING_ELIGIBILITY', status: 'IN_PROGRESS', description: PARTICIPATION_STATE_DEFINITIONS.CONFIRMING_DISPATCH.customerMessage,
        occurred_at: '2023-11-07T05:20:00Z', expected_at: null, suspension_reasons: [],
      });
      expect(rendered.filter((item) => item.status === 'IN_PROGRESS')).to.have.length(1);
    });
    it('when called with v1, changes nothing', () => {
      expect(render(timeline, 'v1')).to.deep.equal(timeline);
    });
  });

  describe('having a timeline past eligibility', () => {
    it('when called with v2, shows one COMPLETE CHECKING_ELIGIBILITY from the dispatch check on, in AWAITING_ELIGIBILITY’s words', () => {
      const rendered = render(buildParticipationTimeline(seed001Enrolment()));
      expect(rendered.filter((item) => item.state === 'CHECKING_ELIGIBILITY')).to.deep.equal([{
        state: 'CHECKING_ELIGIBILITY', status: 'COMPLETE', description: PARTICIPATION_STATE_DEFINITIONS.AWAITING_ELIGIBILITY.customerMessage,
        occurred_at: '2023-11-07T05:20:00Z', expected_at: null, suspension_reasons: [],
      }]);
    });
  });

  describe('having a timeline with the meter step pending', () => {
    it('when called with v2, names it AWAITING_LOCATION_TELEMETRY and keeps the first expected_at of a merged PENDING entry', () => {
      const history = [entry('ENROLMENT_REQUESTED', '2023-11-07T05:00:00Z'), entry('AWAITING_CONSENT', '2023-11-07T05:00:01Z')];
      const durations = { AWAITING_CONSENT: 1000, AWAITING_TELEMETRY: 1000, AWAITING_METER_ACCESS: 1000, CONFIRMING_DISPATCH: 1000 };
      const rendered = render(buildParticipationTimeline(history, { meterAccessRequired: true, expectedDurations: durations }));
      expect(rendered.slice(2, 5).map((item) => [item.state, item.status, item.expected_at])).to.deep.equal([
        ['AWAITING_DEVICE_TELEMETRY', 'PENDING', '2023-11-07T05:00:02Z'],
        ['AWAITING_LOCATION_TELEMETRY', 'PENDING', '2023-11-07T05:00:03Z'],
        ['CHECKING_ELIGIBILITY', 'PENDING', '2023-11-07T05:00:04Z'],
      ]);
    });
  });

  describe('having bad input', () => {
    const timeline = buildParticipationTimeline(seed001Enrolment('AWAITING_CONSENT'));
    it('when called with no array, an unknown state or status, or a bad field, names it', () => {
      expectInputError(() => renderTimelineInVocabulary(as({}), 'v2'), '/entries', 'type');
      expectInputError(() => renderTimelineInVocabulary([{ ...timeline[0]!, state: as('AWAITING_CUSTOMER_CONSENT') }], 'v2'), '/entries/0/state', 'one_of');
      expectInputError(() => renderTimelineInVocabulary([timeline[0]!, { ...timeline[1]!, status: as('DONE') }], 'v2'), '/entries/1/status', 'one_of');
      expectInputError(() => renderTimelineInVocabulary([{ ...timeline[0]!, occurred_at: as(17) }], 'v2'), '/entries/0/occurred_at', 'type');
      expectInputError(() => renderTimelineInVocabulary(timeline, as('v9')), '/vocabulary', 'one_of');
    });
  });
});
