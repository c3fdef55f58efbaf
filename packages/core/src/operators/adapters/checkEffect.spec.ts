import { expect } from 'chai';
import { SDK_VERSION, type AdapterManifest } from '@flexroll/sdk';
import { effectProblem } from './checkEffect.js';

const manifest: AdapterManifest = {
  id: 'owner', name: 'Owner', version: '0.1.0', sdkVersion: `^${SDK_VERSION}`, configSchema: {},
  capabilities: { meterAccess: 'optional', drivenTriggers: [] }, operatorEvents: {},
};

describe('effectProblem', () => {
  describe('having an owned suspension reason', () => {
    it('accepts owned on a suspension_raised, as the effect’s trigger or as a step', () => {
      expect(effectProblem({ trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST', owned: true }, manifest)).to.equal(undefined);
      expect(effectProblem({ steps: [{ trigger: 'suspension_raised', suspensionReason: 'AWAITING_DISPATCH', owned: false }] }, manifest)).to.equal(undefined);
    });

    it('refuses owned on another trigger, without a trigger, or not a boolean, naming the problem', () => {
      expect(effectProblem({ trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST', owned: true }, manifest)).to.equal('owned applies only to suspension_raised, not suspension_cleared');
      expect(effectProblem({ owned: true }, manifest)).to.equal('owned without a trigger');
      expect(effectProblem({ steps: [{ trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST', owned: 'yes' }] }, manifest)).to.equal('steps/0: owned is not a boolean');
    });
  });
});
