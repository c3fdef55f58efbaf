import { expect } from 'chai';
import type { ParticipationState, SuspensionReason } from '@flexroll/sdk';
import {
  decideConsent, decideControl, decideMeterAccess, decideTelemetry, decideWindDown, REVIEWED_STATES, type PolicyInstance, type PolicyView,
} from './participationPolicy.js';

const AT = '2025-03-10T12:00:00.000Z';
const HOURS_AGO = (hours: number) => new Date(Date.parse(AT) - hours * 3_600_000).toISOString();
const instance: PolicyInstance = { telemetryStalenessHours: 24, noticePeriodDays: 30 };
const reviewed = { kind: 'reviewed' } as const;

function at(state: ParticipationState, more: Partial<PolicyView> & { reasons?: SuspensionReason[] } = {}): PolicyView {
  const { reasons = [], ...rest } = more;
  return { state, suspensionReasons: reasons, history: [{ state, occurredAt: HOURS_AGO(1), suspensionReasons: reasons }], ...rest };
}

describe('the participation policy', () => {
  describe(decideConsent.name, () => {
    const consent = { grantedAt: HOURS_AGO(2), termsVersion: '2025-01' };

    it('when consent is granted in AWAITING_CONSENT, records it and moves on', () => {
      expect(decideConsent(at('AWAITING_CONSENT'), instance, { kind: 'granted', consent }, AT)).to.deep.equal({ facts: { consent }, step: { trigger: 'consent_granted' } });
    });

    it('when consent is granted to a device suspended for it, clears that suspension', () => {
      const decision = decideConsent(at('SUSPENDED', { reasons: ['AWAITING_CONSENT'] }), instance, { kind: 'granted', consent }, AT);
      expect(decision.step).to.deep.equal({ trigger: 'suspension_cleared', suspensionReason: 'AWAITING_CONSENT', note: 'consent renewed' });
    });

    it('when consent is revoked, records the revocation and suspends a participating device', () => {
      const decision = decideConsent(at('ACTIVE', { consent }), instance, { kind: 'revoked' }, AT);
      expect(decision).to.deep.equal({
        facts: { consent: { ...consent, revokedAt: AT } },
        step: { trigger: 'suspension_raised', suspensionReason: 'AWAITING_CONSENT', note: 'consent revoked' },
      });
    });

    it('when there is no consent to revoke, records nothing and suspends nothing', () => {
      expect(decideConsent(at('ACTIVE'), instance, { kind: 'revoked' }, AT)).to.deep.equal({ facts: {} });
      expect(decideConsent(at('ACTIVE', { consent: { ...consent, revokedAt: HOURS_AGO(1) } }), instance, { kind: 'revoked' }, AT)).to.deep.equal({ facts: {} });
    });

    it('when reviewed, suspends a participating device whose consent expired, and only once', () => {
      const expired = { ...consent, expiresAt: AT };
      expect(decideConsent(at('ACTIVE', { consent: expired }), instance, reviewed, AT).step).to.deep.equal({ trigger: 'suspension_raised', suspensionReason: 'AWAITING_CONSENT', note: 'consent is missing or has expired' });
      expect(decideConsent(at('SUSPENDED', { consent: expired, reasons: ['AWAITING_CONSENT'] }), instance, reviewed, AT).step).to.equal(undefined);
      expect(decideConsent(at('WINDING_DOWN', { consent: expired }), instance, reviewed, AT).step).to.equal(undefined);
      expect(decideConsent(at('ACTIVE'), instance, reviewed, AT).step, 'no recorded consent: the triggers are the authority').to.equal(undefined);
    });
  });

  describe(decideControl.name, () => {
    it('when control is confirmed in CONFIRMING_DISPATCH, records it and confirms control', () => {
      expect(decideControl(at('CONFIRMING_DISPATCH'), instance, { kind: 'reported', available: true }, AT)).to.deep.equal({
        facts: { dispatchControl: { available: true, since: AT } },
        step: { trigger: 'control_confirmed', note: 'control of the device confirmed' },
      });
    });

    it('when control is lost by a participating device, suspends it; restored, lifts that suspension', () => {
      expect(decideControl(at('ACTIVE'), instance, { kind: 'reported', available: false }, AT).step).to.deep.equal({ trigger: 'suspension_raised', suspensionReason: 'AWAITING_DISPATCH', note: 'control of the device lost' });
      expect(decideControl(at('SUSPENDED', { reasons: ['AWAITING_DISPATCH'] }), instance, { kind: 'reported', available: true }, AT).step).to.deep.equal({ trigger: 'suspension_cleared', suspensionReason: 'AWAITING_DISPATCH', note: 'control restored' });
    });

    it('when the report repeats what is recorded, records nothing new', () => {
      const dispatchControl = { available: false, since: HOURS_AGO(3) };
      expect(decideControl(at('SUSPENDED', { reasons: ['AWAITING_DISPATCH'], dispatchControl }), instance, { kind: 'reported', available: false }, AT)).to.deep.equal({ facts: {} });
    });
  });

  describe(decideTelemetry.name, () => {
    it('when first telemetry arrives in AWAITING_TELEMETRY, records it and moves on', () => {
      expect(decideTelemetry(at('AWAITING_TELEMETRY'), instance, { kind: 'arrived', receivedAt: AT }, AT)).to.deep.equal({ facts: { lastTelemetryAt: AT }, step: { trigger: 'telemetry_received' } });
    });

    it('when an older report arrives, keeps the later time', () => {
      expect(decideTelemetry(at('ACTIVE', { lastTelemetryAt: AT }), instance, { kind: 'arrived', receivedAt: HOURS_AGO(5) }, AT).facts).to.deep.equal({ lastTelemetryAt: AT });
    });

    it('when fresh telemetry arrives at a device suspended for it, clears that suspension', () => {
      const decision = decideTelemetry(at('SUSPENDED', { reasons: ['AWAITING_TELEMETRY'], lastTelemetryAt: HOURS_AGO(30) }), instance, { kind: 'arrived', receivedAt: AT }, AT);
      expect(decision.step).to.deep.equal({ trigger: 'suspension_cleared', suspensionReason: 'AWAITING_TELEMETRY', note: 'telemetry resumed' });
    });

    it('when reviewed, raises the suspension once telemetry is silent for longer than the threshold (exactly the threshold is fresh)', () => {
      expect(decideTelemetry(at('ACTIVE', { lastTelemetryAt: HOURS_AGO(24) }), instance, reviewed, AT).step).to.equal(undefined);
      expect(decideTelemetry(at('ACTIVE', { lastTelemetryAt: HOURS_AGO(25) }), instance, reviewed, AT).step).to.deep.equal({ trigger: 'suspension_raised', suspensionReason: 'AWAITING_TELEMETRY', note: 'telemetry is stale' });
      expect(decideTelemetry(at('WINDING_DOWN', { lastTelemetryAt: HOURS_AGO(25) }), instance, reviewed, AT).step).to.equal(undefined);
    });

    it('when stale telemetry arrives, leaves raising to the review', () => {
      expect(decideTelemetry(at('ACTIVE'), instance, { kind: 'arrived', receivedAt: HOURS_AGO(48) }, AT).step).to.equal(undefined);
    });
  });

  describe(decideMeterAccess.name, () => {
    it('when granted, records it, and moves AWAITING_METER_ACCESS on', () => {
      expect(decideMeterAccess(at('AWAITING_METER_ACCESS'), instance, { kind: 'granted' }, AT)).to.deep.equal({ facts: { meterAccessAvailable: true }, step: { trigger: 'meter_access_granted' } });
      expect(decideMeterAccess(at('AWAITING_TELEMETRY'), instance, { kind: 'granted' }, AT)).to.deep.equal({ facts: { meterAccessAvailable: true } });
    });
  });

  describe(decideWindDown.name, () => {
    const winding = (sinceDays: number, rewardsSettledAt?: string) => ({
      ...at('WINDING_DOWN', rewardsSettledAt === undefined ? {} : { rewardsSettledAt }),
      history: [{ state: 'WINDING_DOWN' as const, occurredAt: HOURS_AGO(sinceDays * 24), suspensionReasons: [] }],
    });

    it('when a settlement is reported, records it and leaves completing to the review', () => {
      expect(decideWindDown(winding(31), instance, { kind: 'settled', settledAt: AT }, AT)).to.deep.equal({ facts: { rewardsSettledAt: AT } });
    });

    it('when reviewed, completes once the rewards are settled and the notice period has elapsed', () => {
      expect(decideWindDown(winding(30, AT), instance, reviewed, AT).step).to.deep.equal({ trigger: 'wind_down_completed', note: 'notice period elapsed and rewards settled' });
      expect(decideWindDown(winding(29, AT), instance, reviewed, AT).step).to.equal(undefined);
      expect(decideWindDown(winding(31), instance, reviewed, AT).step).to.equal(undefined);
    });
  });

  it('reviews exactly the states a review can change something in', () => {
    expect(REVIEWED_STATES).to.deep.equal(['ACTIVE', 'SUSPENDED', 'WINDING_DOWN']);
  });
});
