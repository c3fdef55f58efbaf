import { expect } from 'chai';
import type { ParticipationState } from '@flexroll/sdk';
import type { Participation } from '../Participation.js';
import { deadlinesAfterFacts, deadlinesAfterMove, openingDeadlines } from './deadlineFold.js';
import type { Deadline, DeadlineTerms } from './Deadline.js';

const T0 = '2026-03-02T09:00:00.000Z';
const HOUR = 3_600_000;
const at = (ms: number): string => new Date(Date.parse(T0) + ms).toISOString();
const terms = (state: ParticipationState, enteredAt: string, more: Partial<DeadlineTerms> = {}): DeadlineTerms => ({
  id: `dl_${state.toLowerCase()}`, state, enteredAt, expectedAt: new Date(Date.parse(enteredAt) + 10 * HOUR).toISOString(), waitingOn: 'operator', alerts: true, ...more,
});
const opened = (t: DeadlineTerms): Deadline => ({ ...t, status: 'pending', announced: {} });

describe(deadlinesAfterMove.name, () => {
  it('when the participation had none and the move carries terms, opens them pending with nothing announced', () => {
    expect(deadlinesAfterMove(undefined, { from: 'ENROLMENT_REQUESTED', to: 'AWAITING_CONSENT', terms: terms('AWAITING_CONSENT', T0), occurredAt: T0 })).to.deep.equal({ open: opened(terms('AWAITING_CONSENT', T0)) });
  });

  it('when a move leaves the open deadline’s state, closes it into last and opens the next step’s', () => {
    const before = { open: opened(terms('AWAITING_ELIGIBILITY', T0)) };
    const after = deadlinesAfterMove(before, { from: 'AWAITING_ELIGIBILITY', to: 'AWAITING_REGISTRATION', terms: terms('AWAITING_REGISTRATION', at(HOUR)), occurredAt: at(HOUR) });
    expect(after).to.deep.equal({ open: opened(terms('AWAITING_REGISTRATION', at(HOUR))), last: { ...before.open, status: 'met', closedAt: at(HOUR) } });
  });

  it('when the next state has no terms (ACTIVE, a terminal state), closes the open one and opens none; the closed one replaces the last', () => {
    const earlier = { ...opened(terms('REGISTERED', T0)), status: 'met' as const, closedAt: T0 };
    const before = { open: { ...opened(terms('AWAITING_CONSENT', T0)), status: 'missed' as const, announced: { missed: at(10 * HOUR) } }, last: earlier };
    expect(deadlinesAfterMove(before, { from: 'AWAITING_CONSENT', to: 'FAILED', occurredAt: at(20 * HOUR) })).to.deep.equal({ last: { ...before.open, status: 'cancelled', closedAt: at(20 * HOUR) } });
  });

  it('when nothing is open and the move carries no terms, keeps the last one as it was (or has none)', () => {
    const last = { ...opened(terms('SUSPENDED', T0)), status: 'met_late' as const, closedAt: at(HOUR) };
    expect(deadlinesAfterMove({ last }, { from: 'ACTIVE', to: 'UNENROLMENT_REQUESTED', occurredAt: at(2 * HOUR) })).to.deep.equal({ last });
    expect(deadlinesAfterMove(undefined, { from: 'ACTIVE', to: 'SUSPENDED', occurredAt: at(2 * HOUR) }), 'events recorded before deadlines were kept').to.equal(undefined);
  });

  it('when the same SUSPENDED step goes on, keeps one deadline — same id, status and announcements — under the new terms', () => {
    const begun = terms('SUSPENDED', T0, { dueSoonAt: at(8 * HOUR) });
    const announced = { ...opened(begun), status: 'due_soon' as const, announced: { dueSoon: at(8 * HOUR) } };
    const { expectedAt: _e, dueSoonAt: _d, ...stopped } = begun;
    const pausedTerms: DeadlineTerms = { ...stopped, waitingOn: 'customer', paused: { since: at(9 * HOUR), remainingMs: HOUR, leadTimeMs: 2 * HOUR } };
    const after = deadlinesAfterMove({ open: announced }, { from: 'SUSPENDED', to: 'SUSPENDED', terms: pausedTerms, occurredAt: at(9 * HOUR) });
    expect(after).to.deep.equal({ open: { ...pausedTerms, status: 'due_soon', announced: { dueSoon: at(8 * HOUR) } } });
    expect(after?.open).to.not.have.any.keys('expectedAt', 'dueSoonAt');
  });

  it('when the SUSPENDED step finally ends, closes the one deadline it kept', () => {
    const paused: Deadline = { id: 'dl_s', state: 'SUSPENDED', enteredAt: T0, waitingOn: 'operator', alerts: true, paused: { since: T0, remainingMs: HOUR }, status: 'pending', announced: {} };
    expect(deadlinesAfterMove({ open: paused }, { from: 'SUSPENDED', to: 'ACTIVE', occurredAt: at(100 * HOUR) })).to.deep.equal({ last: { ...paused, status: 'met', closedAt: at(100 * HOUR) } });
  });
});

describe(openingDeadlines.name, () => {
  it('opens the first step’s terms, or nothing without them', () => {
    expect(openingDeadlines(terms('ENROLMENT_REQUESTED', T0))).to.deep.equal({ open: opened(terms('ENROLMENT_REQUESTED', T0)) });
    expect(openingDeadlines(undefined)).to.equal(undefined);
  });
});

describe(deadlinesAfterFacts.name, () => {
  const participation = (deadlines: Participation['deadlines'], rewardsSettledAt?: string) => ({ deadlines, ...(rewardsSettledAt === undefined ? {} : { rewardsSettledAt }) }) as Participation;

  it('when the rewards of a participation winding down are settled, waits on the platform from then, clock and announcements untouched', () => {
    const winding = { ...opened(terms('WINDING_DOWN', T0)), status: 'due_soon' as const, announced: { dueSoon: at(HOUR) } };
    expect(deadlinesAfterFacts(participation({ open: winding }, at(2 * HOUR)))).to.deep.equal({ open: { ...winding, waitingOn: 'platform' } });
  });

  it('when nothing about who acts changed, gives back the very same deadlines', () => {
    const winding = { open: opened(terms('WINDING_DOWN', T0)) };
    const consent = { open: { ...opened(terms('AWAITING_CONSENT', T0)), waitingOn: 'customer' as const } };
    expect(deadlinesAfterFacts(participation(winding))).to.equal(winding);
    expect(deadlinesAfterFacts(participation(consent, T0))).to.equal(consent);
    expect(deadlinesAfterFacts(participation(undefined, T0))).to.equal(undefined);
  });
});
