import type { ParticipationHistoryEntry } from './ParticipationSnapshot.js';
import { expectInputError } from '../test-support/expectInputError.js';
import { entry, seed001Enrolment } from '../test-support/participationHistories.js';
import { buildParticipationTimeline } from './buildParticipationTimeline.js';
import type { TimelineOptions } from './ParticipationTimelineEntry.js';

const as = <T>(value: unknown): T => value as T;
const history = seed001Enrolment('AWAITING_CONSENT');

describe(buildParticipationTimeline.name, () => {
  describe('having bad input', () => {
    it('when called with an empty history, names /history', () => {
      expectInputError(() => buildParticipationTimeline([]), '/history', 'min_items');
    });
    it('when called with no array, names /history', () => {
      expectInputError(() => buildParticipationTimeline(as('ACTIVE')), '/history', 'type');
    });
    it('when an entry is not an object, names it', () => {
      expectInputError(() => buildParticipationTimeline(as([...history, 5])), '/history/2', 'type');
    });
    it('when an entry has an unknown state, names its /state', () => {
      expectInputError(() => buildParticipationTimeline([...history, as<ParticipationHistoryEntry>({ state: 'LIVE', occurredAt: '2023-11-07T06:00:00Z', suspensionReasons: [] })]), '/history/2/state', 'one_of');
    });
    it('when an entry has a malformed or missing time, names its /occurredAt', () => {
      expectInputError(() => buildParticipationTimeline([entry('ACTIVE', '7 Nov 2023')]), '/history/0/occurredAt', 'date_time');
      expectInputError(() => buildParticipationTimeline([as<ParticipationHistoryEntry>({ state: 'ACTIVE', suspensionReasons: [] })]), '/history/0/occurredAt', 'required');
    });
    it('when times go backwards, names the later entry’s /occurredAt', () => {
      expectInputError(() => buildParticipationTimeline([...history, entry('AWAITING_TELEMETRY', '2023-11-06T00:00:00Z')]), '/history/2/occurredAt', 'chronological');
    });
    it('when reasons do not fit the state, names its /suspensionReasons', () => {
      expectInputError(() => buildParticipationTimeline([entry('SUSPENDED', '2023-11-07T06:00:00Z')]), '/history/0/suspensionReasons', 'suspended_only');
      expectInputError(() => buildParticipationTimeline([entry('ACTIVE', '2023-11-07T06:00:00Z', ['OPERATOR_REQUEST'])]), '/history/0/suspensionReasons', 'suspended_only');
      expectInputError(() => buildParticipationTimeline([as<ParticipationHistoryEntry>({ state: 'SUSPENDED', occurredAt: '2023-11-07T06:00:00Z', suspensionReasons: ['RAIN'] })]), '/history/0/suspensionReasons/0', 'one_of');
    });
    it('when options are not an object, names /options', () => {
      expectInputError(() => buildParticipationTimeline(history, as<TimelineOptions>(true)), '/options', 'type');
    });
    it('when a meter flag is not a boolean, names it', () => {
      expectInputError(() => buildParticipationTimeline(history, as<TimelineOptions>({ meterAccessRequired: 'true' })), '/options/meterAccessRequired', 'type');
    });
    it('when a duration is negative, not a number, or for an unknown state, names it', () => {
      expectInputError(() => buildParticipationTimeline(history, { expectedDurations: { AWAITING_CONSENT: -5 } }), '/options/expectedDurations/AWAITING_CONSENT', 'minimum');
      expectInputError(() => buildParticipationTimeline(history, as<TimelineOptions>({ expectedDurations: { AWAITING_CONSENT: '1h' } })), '/options/expectedDurations/AWAITING_CONSENT', 'type');
      expectInputError(() => buildParticipationTimeline(history, as<TimelineOptions>({ expectedDurations: { LIVE: 5 } })), '/options/expectedDurations/LIVE', 'one_of');
    });
    it('when a message is empty or not a string, names it', () => {
      expectInputError(() => buildParticipationTimeline(history, as<TimelineOptions>({ messages: { ACTIVE: 3 } })), '/options/messages/ACTIVE', 'type');
      expectInputError(() => buildParticipationTimeline(history, { messages: { ACTIVE: ' ' } }), '/options/messages/ACTIVE', 'type');
    });
  });
});
