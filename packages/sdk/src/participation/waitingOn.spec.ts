import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../test-support/paths.js';
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

describe('the waiting_on tables of docs/state-machines.md', () => {
  const whole = readFileSync(join(repoRoot(), 'docs', 'state-machines.md'), 'utf8');
  const doc = whole.slice(whole.indexOf('### Deadlines'), whole.indexOf('### Derived fields'));
  /** The first two cells of each table row whose first cell is a list of seed names. */
  const rows = [...doc.matchAll(/^\| ([A-Z_, ]+) \| ([^|]+) \|/gm)].map(([, names, owner]) => [names!.split(', '), owner!.trim()] as const);
  const documented = (name: string) => rows.find(([names]) => names.includes(name))?.[1];

  it('say for every state what the rule says', () => {
    for (const state of PARTICIPATION_STATES) {
      const expected = { 'by reason': "by the first active reason, in seed 000's order (below)", 'by settlement': 'operator until the rewards are settled, then platform' } as Record<string, string>;
      const rule = BY_STATE[state];
      expect(documented(state), state).to.equal(rule === undefined ? 'nobody: no deadline' : (expected[rule] ?? rule));
    }
  });

  it('say for every suspension reason what the rule says', () => {
    for (const reason of SUSPENSION_REASONS) expect(rows.filter(([names]) => names.includes(reason)).map(([, owner]) => owner), reason).to.include(waitingOnOf('SUSPENDED', [reason]));
  });
});
