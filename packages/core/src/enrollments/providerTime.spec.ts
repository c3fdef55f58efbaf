import { expect } from 'chai';
import { InputError } from '@flexroll/sdk';
import { providerTime } from './providerTime.js';

describe(providerTime.name, () => {
  const bounds = { now: '2025-01-01T09:00:00.000Z', notBefore: '2025-01-01T08:00:00.000Z', clockSkewMs: 300_000 };
  const field = '/participation_state/0/occurred_at';
  const refusal = (given: string) => {
    try {
      providerTime(given, bounds, field);
    } catch (error) {
      expect(error).to.be.instanceOf(InputError);
      return (error as InputError).details;
    }
    throw new Error('expected a refusal');
  };

  it('when no time is given, records now', () => {
    expect(providerTime(undefined, bounds, field)).to.equal(bounds.now);
  });

  it('when a time between the last change and now is given, records it, in UTC', () => {
    expect(providerTime('2025-01-01T09:30:00+01:00', bounds, field)).to.equal('2025-01-01T08:30:00.000Z');
    expect(providerTime('2025-01-01T08:00:00Z', bounds, field), 'the last change’s own time').to.equal('2025-01-01T08:00:00.000Z');
  });

  it('when a time is ahead of now by no more than the allowance, records now', () => {
    expect(providerTime('2025-01-01T09:05:00Z', bounds, field)).to.equal(bounds.now);
  });

  it('when a time is further ahead, or before the last change, refuses it naming the field', () => {
    expect(refusal('2025-01-01T09:05:01Z')).to.deep.include({ field, rule: 'not_in_future', message: "is in the future: 2025-01-01T09:05:01Z is after the platform's clock (2025-01-01T09:00:00.000Z) by more than the 300 s allowed for clock skew." });
    expect(refusal('2025-01-01T07:59:59Z')[0]).to.include({ field, rule: 'not_before_previous_change' });
  });
});
