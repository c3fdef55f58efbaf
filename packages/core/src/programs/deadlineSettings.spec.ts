import { expect } from 'chai';
import { InputError } from '@flexroll/sdk';
import { checkDeadlineSettings, deadlineSettingsOf } from './deadlineSettings.js';
import { EXPECTABLE_STATES } from './ProgramInstance.js';

const HOUR = 3_600_000;

describe(deadlineSettingsOf.name, () => {
  it('when the instance says nothing, gives a lead time of 24 hours and alerts in every state with an expected duration', () => {
    expect(deadlineSettingsOf({})).to.deep.equal({ leadTimeMs: 24 * HOUR, alertStates: EXPECTABLE_STATES });
    expect(deadlineSettingsOf({ deadlines: {} })).to.deep.equal({ leadTimeMs: 24 * HOUR, alertStates: EXPECTABLE_STATES });
  });

  it('when the instance sets them, reads its lead time and alerting states over the defaults, each on its own', () => {
    expect(deadlineSettingsOf({ deadlines: { leadTime: 'PT2H' } })).to.deep.equal({ leadTimeMs: 2 * HOUR, alertStates: EXPECTABLE_STATES });
    expect(deadlineSettingsOf({ deadlines: { leadTime: 'PT0S', alertStates: [] } })).to.deep.equal({ leadTimeMs: 0, alertStates: [] });
  });
});

describe(checkDeadlineSettings.name, () => {
  const refusal = (value: Parameters<typeof checkDeadlineSettings>[0]): string[][] => {
    try {
      checkDeadlineSettings(value);
    } catch (error) {
      expect(error).to.be.instanceOf(InputError);
      return (error as InputError).details.map((issue) => [issue.field, issue.rule]);
    }
    return expect.fail('expected a refusal');
  };

  it('when the lead time is at most a year and each alerting state has an expected duration, once, accepts it', () => {
    expect(() => checkDeadlineSettings(undefined)).to.not.throw();
    expect(() => checkDeadlineSettings({})).to.not.throw();
    expect(() => checkDeadlineSettings({ leadTime: 'P365D', alertStates: [...EXPECTABLE_STATES] })).to.not.throw();
    expect(() => checkDeadlineSettings({ leadTime: 'PT0S', alertStates: [] })).to.not.throw();
  });

  it('when the lead time is not an ISO-8601 duration of days to seconds, or over a year, names /deadlines/leadTime', () => {
    expect(refusal({ leadTime: '24 hours' })).to.deep.equal([['/deadlines/leadTime', 'duration']]);
    expect(refusal({ leadTime: 'P1M' })).to.deep.equal([['/deadlines/leadTime', 'duration']]);
    expect(refusal({ leadTime: 24 })).to.deep.equal([['/deadlines/leadTime', 'duration']]);
    expect(refusal({ leadTime: 'P366D' })).to.deep.equal([['/deadlines/leadTime', 'maximum']]);
  });

  it('when an alerting state has no expected duration, is unknown or comes again, names each by its index', () => {
    expect(refusal({ alertStates: ['ACTIVE', 'AWAITING_CONSENT', 'ASLEEP', 'AWAITING_CONSENT', 7] })).to.deep.equal([
      ['/deadlines/alertStates/0', 'one_of'], ['/deadlines/alertStates/2', 'one_of'], ['/deadlines/alertStates/3', 'unique'], ['/deadlines/alertStates/4', 'one_of'],
    ]);
    expect(refusal({ alertStates: 'SUSPENDED' })).to.deep.equal([['/deadlines/alertStates', 'type']]);
  });

  it('when both are wrong, names both at once', () => {
    expect(refusal({ leadTime: 'soon', alertStates: ['UNENROLLED'] })).to.deep.equal([['/deadlines/leadTime', 'duration'], ['/deadlines/alertStates/0', 'one_of']]);
  });
});
