import { expect } from 'chai';
import { InputError } from '../errors/errors.js';
import { IllegalTransitionError } from '../errors/IllegalTransitionError.js';
import { findTriggerToState } from './findTriggerToState.js';
import { errorInVocabulary, stateNamer } from './vocabularyErrors.js';

describe(errorInVocabulary.name, () => {
  const refused = (): IllegalTransitionError => {
    try {
      findTriggerToState({ state: 'AWAITING_TELEMETRY', suspensionReasons: [] }, 'AWAITING_ELIGIBILITY', { meterAccessRequired: true });
    } catch (error) {
      return error as IllegalTransitionError;
    }
    throw new Error('expected a refusal');
  };

  it('when called with v2 on a refusal, names its current state, target and detail in seed 002’s words, keeping the original as cause', () => {
    const original = refused();
    expect(original.message).to.equal("Cannot apply 'AWAITING_ELIGIBILITY' to a participation in AWAITING_TELEMETRY (no trigger leads from AWAITING_TELEMETRY to AWAITING_ELIGIBILITY); it accepts: telemetry_received, failed.");
    const said = errorInVocabulary(original, 'v2') as IllegalTransitionError;
    expect(said).to.be.instanceOf(IllegalTransitionError);
    expect(said.message).to.equal("Cannot apply 'CHECKING_ELIGIBILITY' to a participation in AWAITING_DEVICE_TELEMETRY (no trigger leads from AWAITING_DEVICE_TELEMETRY to CHECKING_ELIGIBILITY); it accepts: telemetry_received, failed.");
    expect([said.code, said.kind, said.cause]).to.deep.equal(['illegal_transition', 'illegal_transition', original]);
  });

  it('when a detail names a suspension reason spelt like a state, leaves it alone', () => {
    const error = new IllegalTransitionError('participation', 'SUSPENDED', 'suspension_raised', ['suspension_cleared'], 'suspension reason AWAITING_TELEMETRY is already active');
    expect((errorInVocabulary(error, 'v2') as Error).message).to.include('suspension reason AWAITING_TELEMETRY is already active');
  });

  it('when called with v1, or on any other error, returns it as it is', () => {
    const original = refused();
    const input = new InputError('nope');
    expect(errorInVocabulary(original, 'v1')).to.equal(original);
    expect(errorInVocabulary(input, 'v2')).to.equal(input);
    expect(errorInVocabulary('a string', 'v2')).to.equal('a string');
  });

  it('when an enrollment refusal names a participation state in its detail, renames only that', () => {
    const error = new IllegalTransitionError('enrollment', 'candidate', 'approved', ['eligible'], (name) => `the participation is ${name('AWAITING_CONSENT')}`);
    expect((errorInVocabulary(error, 'v2') as Error).message).to.equal("Cannot move to 'approved' from an enrollment in candidate (the participation is AWAITING_CUSTOMER_CONSENT); it accepts: eligible.");
  });
});

describe(stateNamer.name, () => {
  it('when called, renames v1 states into v2 and leaves triggers, statuses and v2 names alone', () => {
    const name = stateNamer('v2');
    expect(['AWAITING_METER_ACCESS', 'CONFIRMING_DISPATCH', 'device_live', 'candidate', 'CHECKING_ELIGIBILITY'].map(name)).to.deep.equal([
      'AWAITING_LOCATION_TELEMETRY', 'CHECKING_ELIGIBILITY', 'device_live', 'candidate', 'CHECKING_ELIGIBILITY',
    ]);
    expect(stateNamer('v1')('AWAITING_CONSENT')).to.equal('AWAITING_CONSENT');
  });
});
