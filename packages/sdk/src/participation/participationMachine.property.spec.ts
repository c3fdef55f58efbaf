import { expect } from 'chai';
import fc from 'fast-check';
import { InputError } from '../errors/errors.js';
import { IllegalTransitionError } from '../errors/IllegalTransitionError.js';
import { acceptedParticipationTriggers } from './acceptedParticipationTriggers.js';
import { applyParticipationTrigger } from './applyParticipationTrigger.js';
import { buildParticipationTimeline } from './buildParticipationTimeline.js';
import { isControlActive } from './isControlActive.js';
import { isTerminalState } from './isTerminalState.js';
import type { ParticipationHistoryEntry, ParticipationSnapshot, TriggerContext } from './ParticipationSnapshot.js';
import { PARTICIPATION_STATE_DEFINITIONS, PARTICIPATION_STATES } from './states.js';
import { SUSPENSION_REASONS } from './suspensionReasons.js';
import { PARTICIPATION_TRIGGERS, type ParticipationTrigger } from './triggers.js';

/**
 * One random step: mostly an accepted trigger, most often the first (the happy path's, in enrolment) so that
 * sequences get deep into the lifecycle; sometimes any trigger at all, with any context.
 */
const stepArbitrary = fc.record({
  anyTrigger: fc.constantFrom(...PARTICIPATION_TRIGGERS),
  wild: fc.integer({ min: 0, max: 5 }),
  pick: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat() }),
  reason: fc.option(fc.constantFrom(...SUSPENSION_REASONS), { nil: undefined }),
  reasonFromActive: fc.boolean(),
  meterAccessRequired: fc.option(fc.boolean(), { nil: undefined }),
  meterAccessAvailable: fc.option(fc.boolean(), { nil: undefined }),
  gapMs: fc.integer({ min: 0, max: 6 * 60 * 60 * 1000 }),
});
type Step = typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never;

function choose(snapshot: ParticipationSnapshot, step: Step): { trigger: ParticipationTrigger; context: TriggerContext } {
  const accepted = acceptedParticipationTriggers(snapshot);
  const trigger = step.wild === 0 || accepted.length === 0 ? step.anyTrigger : accepted[step.pick % accepted.length]!;
  const active = snapshot.suspensionReasons;
  const reason = step.reasonFromActive && active.length > 0 ? active[step.pick % active.length] : step.reason;
  const suspension = trigger === 'suspension_raised' || trigger === 'suspension_cleared';
  return { trigger, context: { reason: suspension || step.wild === 0 ? reason : undefined, meterAccessRequired: step.meterAccessRequired, meterAccessAvailable: step.meterAccessAvailable } };
}

function checkInvariants(snapshot: ParticipationSnapshot, history: readonly ParticipationHistoryEntry[]): void {
  expect(isControlActive(snapshot.state)).to.equal(snapshot.state === 'ACTIVE');
  expect(snapshot.suspensionReasons.length > 0).to.equal(snapshot.state === 'SUSPENDED');
  expect(snapshot.suspensionReasons).to.deep.equal(SUSPENSION_REASONS.filter((reason) => snapshot.suspensionReasons.includes(reason)));
  const timeline = buildParticipationTimeline(history, { meterAccessRequired: true });
  const statuses = timeline.map((item) => item.status);
  expect(statuses.filter((status) => status === 'IN_PROGRESS')).to.have.length(1);
  const current = statuses.indexOf('IN_PROGRESS');
  expect(statuses.slice(0, current).every((status) => status === 'COMPLETE')).to.equal(true);
  expect(statuses.slice(current + 1).every((status) => status === 'PENDING')).to.equal(true);
  expect(timeline[current]?.state).to.equal(snapshot.state);
  expect(timeline[current]?.suspension_reasons).to.deep.equal(snapshot.suspensionReasons);
  for (const item of timeline) expect(item.description).to.equal(PARTICIPATION_STATE_DEFINITIONS[item.state].customerMessage);
  if (isTerminalState(snapshot.state)) {
    expect(acceptedParticipationTriggers(snapshot)).to.deep.equal([]);
    for (const trigger of PARTICIPATION_TRIGGERS) {
      const reason = trigger.startsWith('suspension_') ? 'OPERATOR_REQUEST' : undefined;
      expect(() => applyParticipationTrigger(snapshot, trigger, { reason })).to.throw(IllegalTransitionError).with.property('accepted').that.deep.equals([]);
    }
  }
}

describe('the participation machine under random trigger sequences', () => {
  it('having started in ENROLMENT_REQUESTED, when any sequence is applied, never breaks its invariants', function () {
    this.timeout(20_000);
    let applied = 0;
    let refused = 0;
    const reached = new Set<string>();
    fc.assert(fc.property(fc.array(stepArbitrary, { minLength: 20, maxLength: 60 }), (steps) => {
      let time = Date.parse('2023-11-07T05:31:56Z');
      let snapshot: ParticipationSnapshot = { state: 'ENROLMENT_REQUESTED', suspensionReasons: [] };
      const history: ParticipationHistoryEntry[] = [{ state: snapshot.state, occurredAt: new Date(time).toISOString(), suspensionReasons: [] }];
      checkInvariants(snapshot, history);
      for (const step of steps) {
        const { trigger, context } = choose(snapshot, step);
        try {
          snapshot = applyParticipationTrigger(snapshot, trigger, context);
        } catch (error) {
          expect(error instanceof IllegalTransitionError || error instanceof InputError, String(error)).to.equal(true);
          refused += 1;
          continue;
        }
        applied += 1;
        reached.add(snapshot.state);
        time += step.gapMs;
        history.push({ state: snapshot.state, occurredAt: new Date(time).toISOString(), suspensionReasons: snapshot.suspensionReasons });
        checkInvariants(snapshot, history);
      }
    }), { numRuns: 250 });
    expect(applied).to.be.greaterThan(0);
    expect(refused).to.be.greaterThan(0);
    expect([...reached].sort()).to.deep.equal(PARTICIPATION_STATES.filter((state) => state !== 'ENROLMENT_REQUESTED').sort());
  });
});
