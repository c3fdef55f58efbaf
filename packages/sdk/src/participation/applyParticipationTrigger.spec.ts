import { expect } from 'chai';
import { IllegalTransitionError } from '../errors/IllegalTransitionError.js';
import { deepFreeze, sampleContexts, sampleSnapshots, seedAcceptedTriggers, seedOutcome } from '../test-support/participationOracle.js';
import { applyParticipationTrigger } from './applyParticipationTrigger.js';
import type { ParticipationSnapshot, TriggerContext } from './ParticipationSnapshot.js';
import { PARTICIPATION_STATES } from './states.js';
import { PARTICIPATION_TRIGGERS, type ParticipationTrigger } from './triggers.js';

function expectRefusal(snapshot: ParticipationSnapshot, trigger: ParticipationTrigger, context: TriggerContext, detailIncludes?: string): void {
  const frozen = deepFreeze(structuredClone(snapshot));
  const before = structuredClone(snapshot);
  let thrown: unknown;
  try {
    applyParticipationTrigger(frozen, trigger, context);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `${snapshot.state} + ${trigger} ${JSON.stringify(context)}`).to.be.instanceOf(IllegalTransitionError);
  const error = thrown as IllegalTransitionError;
  expect(error.machine).to.equal('participation');
  expect(error.currentState).to.equal(snapshot.state);
  expect(error.attempted).to.equal(trigger);
  expect(error.accepted).to.deep.equal(seedAcceptedTriggers(snapshot));
  expect(error.message).to.include(snapshot.state);
  if (detailIncludes !== undefined) expect(error.message).to.include(detailIncludes);
  expect(frozen).to.deep.equal(before);
}

function expectMove(snapshot: ParticipationSnapshot, trigger: ParticipationTrigger, context: TriggerContext, to: ParticipationSnapshot): void {
  const frozen = deepFreeze(structuredClone(snapshot));
  const result = applyParticipationTrigger(frozen, trigger, context);
  expect(result, `${snapshot.state} + ${trigger} ${JSON.stringify(context)}`).to.deep.equal(to);
  expect(Object.isFrozen(result)).to.equal(true);
  expect(Object.isFrozen(result.suspensionReasons)).to.equal(true);
  expect(frozen).to.deep.equal(snapshot);
}

describe(applyParticipationTrigger.name, () => {
  for (const state of PARTICIPATION_STATES) {
    describe(`having a participation in ${state}`, () => {
      for (const trigger of PARTICIPATION_TRIGGERS) {
        const expectation = seedAcceptedTriggers(sampleSnapshots(state)[0]!).includes(trigger) ? 'moves as seed 000 says' : 'refuses it and changes nothing';
        it(`when called with ${trigger}, ${expectation}`, () => {
          for (const snapshot of sampleSnapshots(state)) {
            for (const context of sampleContexts(trigger)) {
              const outcome = seedOutcome(snapshot, trigger, context);
              if ('to' in outcome) expectMove(snapshot, trigger, context, outcome.to);
              else expectRefusal(snapshot, trigger, context, outcome.detailIncludes);
            }
          }
        });
      }
    });
  }

  describe('having a SUSPENDED participation with several reasons', () => {
    const suspended: ParticipationSnapshot = { state: 'SUSPENDED', suspensionReasons: ['AWAITING_TELEMETRY', 'OPERATOR_REQUEST'] };

    it('when called with suspension_raised, keeps the reasons in SUSPENSION_REASONS order', () => {
      const result = applyParticipationTrigger(suspended, 'suspension_raised', { reason: 'AWAITING_DISPATCH' });
      expect(result.suspensionReasons).to.deep.equal(['AWAITING_TELEMETRY', 'AWAITING_DISPATCH', 'OPERATOR_REQUEST']);
    });

    it('when called with suspension_cleared for each reason in turn, returns to ACTIVE only after the last', () => {
      const once = applyParticipationTrigger(suspended, 'suspension_cleared', { reason: 'OPERATOR_REQUEST' });
      expect(once).to.deep.equal({ state: 'SUSPENDED', suspensionReasons: ['AWAITING_TELEMETRY'] });
      expect(applyParticipationTrigger(once, 'suspension_cleared', { reason: 'AWAITING_TELEMETRY' })).to.deep.equal({ state: 'ACTIVE', suspensionReasons: [] });
    });

    it('when called with leave_requested, empties the reasons', () => {
      expect(applyParticipationTrigger(suspended, 'leave_requested')).to.deep.equal({ state: 'UNENROLMENT_REQUESTED', suspensionReasons: [] });
    });

    it('when called with an already active reason, says so in the error', () => {
      expect(() => applyParticipationTrigger(suspended, 'suspension_raised', { reason: 'OPERATOR_REQUEST' }))
        .to.throw(IllegalTransitionError, 'suspension reason OPERATOR_REQUEST is already active');
    });

    it('when called to clear a reason that is not active, lists the active ones', () => {
      expect(() => applyParticipationTrigger(suspended, 'suspension_cleared', { reason: 'CUSTOMER_REQUEST' }))
        .to.throw(IllegalTransitionError, 'CUSTOMER_REQUEST is not active; active: AWAITING_TELEMETRY, OPERATOR_REQUEST');
    });
  });

  describe('having a terminal participation', () => {
    it('when called with any trigger, says it accepts nothing more', () => {
      expect(() => applyParticipationTrigger({ state: 'OFFBOARDED', suspensionReasons: [] }, 'offboarded'))
        .to.throw(IllegalTransitionError, "Cannot apply 'offboarded' to a participation in OFFBOARDED; it accepts nothing more (terminal).");
    });
  });
});
