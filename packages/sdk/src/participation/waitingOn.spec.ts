import { expect } from 'chai';
import { PARTICIPATION_STATES, type ParticipationState } from './states.js';
import { SUSPENSION_REASONS, type SuspensionReason } from './suspensionReasons.js';
import { waitingOnOf, type WaitingOn } from './waitingOn.js';

// The table is spelled here on purpose: it is docs/state-machines.md's, checked against the rule.
const BY_STATE: Readonly<Record<ParticipationState, WaitingOn | undefined | 'by reason' | 'by settlement'>> = {
  ENROLMENT_REQUESTED: 'workspace',
  AWAITING_CONSENT: 'customer',
  AWAITING_TELEMETRY: 'customer',
  AWAITING_METER_ACCESS: 'customer',
  CONFIRMING_DISPATCH: 'operator',
  AWAITING_ELIGIBILITY: 'operator',
  AWAITING_REGISTRATION: 'operator',
  REGISTERED: 'operator',
  INELIGIBLE: undefined,
  ACTIVE: undefined,
  SUSPENDED: 'by reason',
  UNENROLMENT_REQUESTED: 'operator',
  WINDING_DOWN: 'by settlement',
  UNENROLLED: undefined,
  OFFBOARDED: undefined,
  FAILED: undefined,
};

const BY_REASON: Readonly<Record<SuspensionReason, WaitingOn>> = {
  AWAITING_TELEMETRY: 'customer',
  AWAITING_DISPATCH: 'operator',
  AWAITING_CONSENT: 'customer',
  OPERATOR_REQUEST: 'operator',
  CUSTOMER_REQUEST: 'customer',
};

describe('waitingOnOf', () => {
  describe('having a state that does not depend on anything else', () => {
    for (const state of PARTICIPATION_STATES.filter((name) => name !== 'SUSPENDED' && name !== 'WINDING_DOWN')) {
      it(`when ${state}, waits on ${BY_STATE[state] ?? 'nobody'}`, () => {
        expect(waitingOnOf(state, [])).to.equal(BY_STATE[state]);
        expect(waitingOnOf(state, [], { rewardsSettled: true }), 'settlement matters in WINDING_DOWN only').to.equal(BY_STATE[state]);
      });
    }
  });

  describe('having SUSPENDED', () => {
    for (const reason of SUSPENSION_REASONS) {
      it(`when ${reason} alone is active, waits on ${BY_REASON[reason]}`, () => {
        expect(waitingOnOf('SUSPENDED', [reason])).to.equal(BY_REASON[reason]);
      });
    }

    it('when several are active, waits on whoever ends the first in seed 000’s order, whatever order they are listed in', () => {
      expect(waitingOnOf('SUSPENDED', ['CUSTOMER_REQUEST', 'AWAITING_DISPATCH'])).to.equal('operator');
      expect(waitingOnOf('SUSPENDED', ['OPERATOR_REQUEST', 'AWAITING_CONSENT'])).to.equal('customer');
      expect(waitingOnOf('SUSPENDED', ['CUSTOMER_REQUEST', 'OPERATOR_REQUEST'])).to.equal('operator');
      expect(waitingOnOf('SUSPENDED', [...SUSPENSION_REASONS].reverse())).to.equal('customer');
    });

    it('when no reason is active, waits on nobody', () => {
      expect(waitingOnOf('SUSPENDED', [])).to.equal(undefined);
    });
  });

  describe('having WINDING_DOWN', () => {
    it('when the rewards are not settled (or nobody says), waits on the operator', () => {
      expect(waitingOnOf('WINDING_DOWN', [])).to.equal('operator');
      expect(waitingOnOf('WINDING_DOWN', [], { rewardsSettled: false })).to.equal('operator');
    });

    it('when they are settled, waits on the platform, whose sweep completes it', () => {
      expect(waitingOnOf('WINDING_DOWN', [], { rewardsSettled: true })).to.equal('platform');
    });
  });
});
