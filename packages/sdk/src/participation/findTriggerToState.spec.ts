import { expect } from 'chai';
import { InputError } from '../errors/errors.js';
import { FlexrollError } from '../errors/FlexrollError.js';
import { IllegalTransitionError } from '../errors/IllegalTransitionError.js';
import { expectInputError } from '../test-support/expectInputError.js';
import { sampleContexts, sampleSnapshots, seedOutcome } from '../test-support/participationOracle.js';
import { applyParticipationTrigger } from './applyParticipationTrigger.js';
import { findTriggerToState } from './findTriggerToState.js';
import type { TriggerContext } from './ParticipationSnapshot.js';
import { PARTICIPATION_STATES } from './states.js';
import { PARTICIPATION_TRIGGERS } from './triggers.js';

const allContexts: TriggerContext[] = [...new Set(PARTICIPATION_TRIGGERS.flatMap(sampleContexts).map((context) => JSON.stringify(context)))]
  .map((json) => JSON.parse(json) as TriggerContext);

describe(findTriggerToState.name, () => {
  describe('having every state, target and context', () => {
    it('when called, finds exactly the trigger seed 000 says leads there, or refuses', () => {
      for (const state of PARTICIPATION_STATES) {
        for (const snapshot of sampleSnapshots(state)) {
          for (const target of PARTICIPATION_STATES) {
            for (const context of allContexts) {
              const reaching = PARTICIPATION_TRIGGERS.filter((trigger) => {
                const outcome = seedOutcome(snapshot, trigger, context);
                return 'to' in outcome && outcome.to.state === target;
              });
              const where = `${JSON.stringify(snapshot)} → ${target} ${JSON.stringify(context)}`;
              let found: string | undefined;
              let failure: unknown;
              try { found = findTriggerToState(snapshot, target, context); } catch (error) { failure = error; }
              const suspensionMove = reaching[0] === 'suspension_raised' || reaching[0] === 'suspension_cleared';
              if (reaching.length === 1 && (context.reason !== undefined) !== suspensionMove) {
                expect(failure, where).to.be.instanceOf(InputError).with.nested.property('details[0].field', '/reason');
              } else if (reaching.length === 1) {
                expect(found, where).to.equal(reaching[0]);
                expect(applyParticipationTrigger(snapshot, reaching[0]!, context).state).to.equal(target);
              } else {
                expect(reaching, where).to.have.length(0);
                expect(FlexrollError.is(failure), where).to.equal(true);
              }
            }
          }
        }
      }
    });
  });

  describe('having a participation in AWAITING_TELEMETRY', () => {
    const awaiting = { state: 'AWAITING_TELEMETRY', suspensionReasons: [] } as const;
    it('when called with AWAITING_METER_ACCESS and meter access pending, answers telemetry_received', () => {
      expect(findTriggerToState(awaiting, 'AWAITING_METER_ACCESS', { meterAccessRequired: true })).to.equal('telemetry_received');
    });
    it('when called with AWAITING_METER_ACCESS but meter access not required, explains where the trigger leads', () => {
      expect(() => findTriggerToState(awaiting, 'AWAITING_METER_ACCESS'))
        .to.throw(IllegalTransitionError, 'telemetry_received leads to CONFIRMING_DISPATCH with this context');
    });
  });

  describe('having an ACTIVE participation', () => {
    const active = { state: 'ACTIVE', suspensionReasons: [] } as const;
    it('when called with SUSPENDED and a reason, answers suspension_raised', () => {
      expect(findTriggerToState(active, 'SUSPENDED', { reason: 'CUSTOMER_REQUEST' })).to.equal('suspension_raised');
    });
    it('when called with SUSPENDED and no reason, asks for /reason', () => {
      expectInputError(() => findTriggerToState(active, 'SUSPENDED'), '/reason', 'required');
    });
    it('when called with a state no trigger reaches, names the current state and what it accepts', () => {
      expect(() => findTriggerToState(active, 'REGISTERED')).to.throw(IllegalTransitionError, 'no trigger leads from ACTIVE to REGISTERED')
        .with.property('accepted').that.deep.equals(['suspension_raised', 'leave_requested']);
    });
  });

  describe('having a SUSPENDED participation', () => {
    const suspended = { state: 'SUSPENDED', suspensionReasons: ['AWAITING_CONSENT', 'OPERATOR_REQUEST'] } as const;
    it('when called with SUSPENDED and an active reason, answers suspension_cleared', () => {
      expect(findTriggerToState(suspended, 'SUSPENDED', { reason: 'OPERATOR_REQUEST' })).to.equal('suspension_cleared');
    });
    it('when called with SUSPENDED and a new reason, answers suspension_raised', () => {
      expect(findTriggerToState(suspended, 'SUSPENDED', { reason: 'CUSTOMER_REQUEST' })).to.equal('suspension_raised');
    });
    it('when called with ACTIVE while other reasons remain, refuses', () => {
      expect(() => findTriggerToState(suspended, 'ACTIVE', { reason: 'OPERATOR_REQUEST' })).to.throw(IllegalTransitionError, 'suspension_cleared leads to SUSPENDED');
    });
    it('when called with ACTIVE and no reason, asks for /reason naming the active ones', () => {
      const error = expectInputError(() => findTriggerToState(suspended, 'ACTIVE'), '/reason', 'required');
      expect(error.message).to.include('AWAITING_CONSENT, OPERATOR_REQUEST');
    });
  });
});
