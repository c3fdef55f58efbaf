import { expect } from 'chai';
import { sampleSnapshots, seedAcceptedTriggers } from '../test-support/participationOracle.js';
import { acceptedParticipationTriggers } from './acceptedParticipationTriggers.js';
import { isControlActive } from './isControlActive.js';
import { DEFAULT_TELEMETRY_STALENESS_MS, isTelemetryActive } from './isTelemetryActive.js';
import { isTerminalState } from './isTerminalState.js';
import { PARTICIPATION_STATES } from './states.js';

describe(isControlActive.name, () => {
  for (const state of PARTICIPATION_STATES) {
    it(`when called with ${state}, answers ${state === 'ACTIVE'}`, () => {
      expect(isControlActive(state)).to.equal(state === 'ACTIVE');
    });
  }
});

describe(isTerminalState.name, () => {
  it('when called with each state, is true exactly for INELIGIBLE, OFFBOARDED and FAILED', () => {
    expect(PARTICIPATION_STATES.filter((state) => isTerminalState(state))).to.deep.equal(['INELIGIBLE', 'OFFBOARDED', 'FAILED']);
  });
});

describe(acceptedParticipationTriggers.name, () => {
  for (const state of PARTICIPATION_STATES) {
    it(`having a participation in ${state}, when called, lists what seed 000 lets it accept`, () => {
      for (const snapshot of sampleSnapshots(state)) {
        expect(acceptedParticipationTriggers(snapshot)).to.deep.equal(seedAcceptedTriggers(snapshot));
      }
    });
  }
});

describe(isTelemetryActive.name, () => {
  const now = new Date('2023-11-08T05:31:56Z');

  it('having a 24-hour default threshold', () => {
    expect(DEFAULT_TELEMETRY_STALENESS_MS).to.equal(86_400_000);
  });
  it('when no telemetry has ever arrived, is false', () => {
    expect(isTelemetryActive(null, now)).to.equal(false);
    expect(isTelemetryActive(undefined, now)).to.equal(false);
  });
  it('when telemetry arrived exactly 24 hours ago, is still true', () => {
    expect(isTelemetryActive('2023-11-07T05:31:56Z', now)).to.equal(true);
  });
  it('when telemetry is a second older than 24 hours, is false', () => {
    expect(isTelemetryActive('2023-11-07T05:31:55Z', now)).to.equal(false);
  });
  it('when called with a Date and a custom threshold, uses them', () => {
    expect(isTelemetryActive(new Date('2023-11-08T05:00:00Z'), now, 60 * 60 * 1000)).to.equal(true);
    expect(isTelemetryActive(new Date('2023-11-08T04:00:00Z'), now, 60 * 60 * 1000)).to.equal(false);
  });
  it('when called with a time in another zone, compares instants', () => {
    expect(isTelemetryActive('2023-11-07T06:31:56+01:00', now)).to.equal(true);
  });
});
