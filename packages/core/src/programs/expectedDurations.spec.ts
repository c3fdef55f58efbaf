import { expect } from 'chai';
import { InputError } from '@flexroll/sdk';
import { checkExpectedDurations, expectedDurationsMs } from './expectedDurations.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe(expectedDurationsMs.name, () => {
  it('when the instance declares nothing, gives the documented defaults, and the notice period for WINDING_DOWN', () => {
    expect(expectedDurationsMs({ noticePeriodDays: 30 })).to.deep.equal({
      ENROLMENT_REQUESTED: 5 * MINUTE, AWAITING_CONSENT: 3 * DAY, AWAITING_TELEMETRY: DAY, AWAITING_METER_ACCESS: 3 * DAY, CONFIRMING_DISPATCH: HOUR,
      AWAITING_ELIGIBILITY: 5 * DAY, AWAITING_REGISTRATION: 10 * DAY, REGISTERED: DAY, SUSPENDED: DAY, UNENROLMENT_REQUESTED: DAY, WINDING_DOWN: 30 * DAY,
    });
  });

  it('when the instance declares durations, reads each ISO-8601 duration over the default', () => {
    const durations = expectedDurationsMs({ noticePeriodDays: 7, expectedDurations: { AWAITING_CONSENT: 'P1DT12H30M15S', REGISTERED: 'PT0S', WINDING_DOWN: 'P2D' } });
    expect([durations.AWAITING_CONSENT, durations.REGISTERED, durations.WINDING_DOWN, durations.AWAITING_TELEMETRY]).to.deep.equal([DAY + 12 * HOUR + 30 * MINUTE + 15_000, 0, 2 * DAY, DAY]);
  });
});

describe(checkExpectedDurations.name, () => {
  it('when every entry is a known state with a duration of at most a year, accepts it', () => {
    expect(() => checkExpectedDurations({ AWAITING_CONSENT: 'P365D', CONFIRMING_DISPATCH: 'PT15M' })).to.not.throw();
    expect(() => checkExpectedDurations(undefined)).to.not.throw();
  });

  it('when entries are wrong, names every one with its rule', () => {
    try {
      checkExpectedDurations({ ACTIVE: 'P1D', AWAITING_CONSENT: 'P1M', REGISTERED: 'P366D', SUSPENDED: 3 });
      expect.fail('expected a refusal');
    } catch (error) {
      expect(error).to.be.instanceOf(InputError);
      expect((error as InputError).details.map((issue) => [issue.field, issue.rule])).to.deep.equal([
        ['/expectedDurations/ACTIVE', 'one_of'], ['/expectedDurations/AWAITING_CONSENT', 'duration'], ['/expectedDurations/REGISTERED', 'maximum'], ['/expectedDurations/SUSPENDED', 'duration'],
      ]);
    }
  });
});
