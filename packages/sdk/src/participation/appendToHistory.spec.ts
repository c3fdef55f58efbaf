import { expect } from 'chai';
import fc from 'fast-check';
import { entry, seed001Enrolment } from '../test-support/participationHistories.js';
import { appendToHistory, PARTICIPATION_EPISODE_BOUND } from './appendToHistory.js';
import { buildParticipationTimeline } from './buildParticipationTimeline.js';
import type { ParticipationHistoryEntry } from './ParticipationSnapshot.js';
import { PARTICIPATION_STATES } from './states.js';
import { SUSPENSION_REASONS } from './suspensionReasons.js';

const minute = (n: number) => new Date(Date.UTC(2023, 10, 8, 0, n)).toISOString();
const states = (history: readonly ParticipationHistoryEntry[]) => history.map((kept) => kept.state);

describe('appendToHistory', () => {
  it('appends a new state at the end, leaving the history passed in as it was', () => {
    const before = seed001Enrolment('REGISTERED');
    const after = appendToHistory(before, entry('ACTIVE', minute(1)));
    expect(states(after)).to.deep.equal([...states(before), 'ACTIVE']);
    expect(before).to.have.length(7);
  });

  it('keeps a SUSPENDED participation whose reasons change as one entry: the first time, the latest reasons', () => {
    let history = appendToHistory(seed001Enrolment(), entry('SUSPENDED', minute(1), ['OPERATOR_REQUEST']));
    history = appendToHistory(history, entry('SUSPENDED', minute(2), ['AWAITING_TELEMETRY', 'OPERATOR_REQUEST']));
    history = appendToHistory(history, entry('SUSPENDED', minute(3), ['AWAITING_TELEMETRY']));
    expect(history.at(-1)).to.deep.equal(entry('SUSPENDED', minute(1), ['AWAITING_TELEMETRY']));
    expect(history).to.have.length(9);
  });

  it(`keeps only the latest ${PARTICIPATION_EPISODE_BOUND} ACTIVE/SUSPENDED entries, and every enrolment entry`, () => {
    let history = seed001Enrolment();
    for (let n = 1; n <= 500; n++) {
      history = appendToHistory(history, n % 2 === 1 ? entry('SUSPENDED', minute(n), ['OPERATOR_REQUEST']) : entry('ACTIVE', minute(n)));
    }
    expect(states(history).slice(0, 7)).to.deep.equal(states(seed001Enrolment('REGISTERED')));
    const episodes = history.slice(7);
    expect(episodes).to.have.length(PARTICIPATION_EPISODE_BOUND);
    expect(episodes.at(-1)).to.deep.equal(entry('ACTIVE', minute(500)));
    expect(episodes[0]).to.deep.equal(entry('SUSPENDED', minute(491), ['OPERATOR_REQUEST']));
  });

  it('starts the enrolment path over when a state is entered again (a site that changed after INELIGIBLE)', () => {
    const ineligible = appendToHistory(seed001Enrolment('AWAITING_ELIGIBILITY'), entry('INELIGIBLE', minute(1)));
    const restarted = appendToHistory(ineligible, entry('ENROLMENT_REQUESTED', minute(2)));
    expect(restarted).to.deep.equal([entry('ENROLMENT_REQUESTED', minute(2))]);
  });

  it('renders a timeline under 8 KB, in lifecycle order, however long the history', () => {
    let history = seed001Enrolment();
    for (let n = 1; n <= 2_000; n++) {
      const reasons = SUSPENSION_REASONS.filter((_, index) => (n >> index) % 2 === 1);
      history = appendToHistory(history, reasons.length === 0 ? entry('ACTIVE', minute(n)) : entry('SUSPENDED', minute(n), reasons));
    }
    for (const state of ['UNENROLMENT_REQUESTED', 'WINDING_DOWN', 'UNENROLLED', 'OFFBOARDED'] as const) {
      history = appendToHistory(history, entry(state, minute(3_000)));
    }
    const timeline = buildParticipationTimeline(history);
    expect(Buffer.byteLength(JSON.stringify(timeline))).to.be.below(8 * 1024);
    expect(timeline.at(-1)).to.include({ state: 'OFFBOARDED', status: 'IN_PROGRESS' });
    expect(timeline.slice(0, 7).map((item) => item.state)).to.deep.equal(states(seed001Enrolment('REGISTERED')));
  });

  it('is bounded for any sequence of states: each non-participation state at most once, at most the bound of episodes', () => {
    const anyEntry = fc.record({
      state: fc.constantFrom(...PARTICIPATION_STATES),
      reasons: fc.subarray([...SUSPENSION_REASONS], { minLength: 1 }),
    });
    fc.assert(
      fc.property(fc.array(anyEntry, { maxLength: 300 }), fc.integer({ min: 1, max: 12 }), (steps, bound) => {
        let history: ParticipationHistoryEntry[] = [entry('ENROLMENT_REQUESTED', minute(0))];
        steps.forEach((step, index) => {
          history = appendToHistory(history, entry(step.state, minute(index + 1), step.state === 'SUSPENDED' ? step.reasons : []), bound);
        });
        const episodes = history.filter((kept) => kept.state === 'ACTIVE' || kept.state === 'SUSPENDED');
        const others = states(history).filter((state) => state !== 'ACTIVE' && state !== 'SUSPENDED');
        expect(episodes.length).to.be.at.most(bound);
        expect(new Set(others).size).to.equal(others.length);
        expect(history.at(-1)?.state).to.equal(steps.at(-1)?.state ?? 'ENROLMENT_REQUESTED');
      }),
    );
  });
});
