import 'reflect-metadata';
import assert from 'node:assert/strict';
import type { ParticipationState, SuspensionReason } from '@flexroll/sdk';
import { EVERY_STATE } from '@flexroll/testkit';
import { DEVICE_STATUSES, type DeviceStatus } from './krakenEnums.js';
import { KrakenKit } from './test-support/krakenKit.js';

type Outcome = ParticipationState | [ParticipationState, SuspensionReason[]];

/**
 * KrakenFlexDeviceStatusChoices × every state of seed 000: where the participation stands after Kraken reports the
 * status. A state not listed for a status stays where it is (the status is recorded beside it all the same).
 */
const EXPECTED: Readonly<Record<DeviceStatus, Partial<Record<ParticipationState, Outcome>>>> = {
  ONBOARDING: { ENROLMENT_REQUESTED: 'AWAITING_CONSENT' },
  ONBOARDING_TEST_IN_PROGRESS: { AWAITING_TELEMETRY: 'CONFIRMING_DISPATCH' },
  PENDING_LIVE: { AWAITING_TELEMETRY: 'AWAITING_ELIGIBILITY', CONFIRMING_DISPATCH: 'AWAITING_ELIGIBILITY' },
  LIVE: { AWAITING_TELEMETRY: 'AWAITING_ELIGIBILITY', CONFIRMING_DISPATCH: 'AWAITING_ELIGIBILITY', REGISTERED: 'ACTIVE' },
  FAILED_ONBOARDING_TEST: {
    ENROLMENT_REQUESTED: 'FAILED', AWAITING_CONSENT: 'FAILED', AWAITING_TELEMETRY: 'FAILED', AWAITING_METER_ACCESS: 'FAILED', CONFIRMING_DISPATCH: 'FAILED',
    AWAITING_ELIGIBILITY: 'FAILED', AWAITING_REGISTRATION: 'FAILED', REGISTERED: 'FAILED',
    ACTIVE: ['SUSPENDED', ['AWAITING_DISPATCH']], SUSPENDED: ['SUSPENDED', ['AWAITING_DISPATCH', 'OPERATOR_REQUEST']],
  },
  RETIRED: {
    ENROLMENT_REQUESTED: 'FAILED', AWAITING_CONSENT: 'FAILED', AWAITING_TELEMETRY: 'FAILED', AWAITING_METER_ACCESS: 'FAILED', CONFIRMING_DISPATCH: 'FAILED',
    AWAITING_ELIGIBILITY: 'FAILED', AWAITING_REGISTRATION: 'FAILED', REGISTERED: 'FAILED',
    ACTIVE: 'WINDING_DOWN', SUSPENDED: 'WINDING_DOWN', UNENROLMENT_REQUESTED: 'WINDING_DOWN', UNENROLLED: 'OFFBOARDED',
  },
};

describe('plugins/kraken maps KrakenFlex device statuses in every state of seed 000', function () {
  this.timeout(60_000);
  for (const status of DEVICE_STATUSES) {
    describe(`device.status ${status}`, () => {
      for (const state of EVERY_STATE) {
        const expected = EXPECTED[status][state] ?? state;
        const [toState, reasons] = Array.isArray(expected) ? expected : [expected, undefined];
        it(`in ${state} → ${toState}${reasons === undefined ? '' : ` (${reasons.join(', ')})`}`, async () => {
          const kraken = await new KrakenKit(`${status} in ${state}`).at(state);
          const after = await kraken.report({ type: 'device.status', data: { status } });
          const participation = after.participation!;
          assert.equal(participation.state, toState);
          if (reasons !== undefined) assert.deepEqual(participation.suspensionReasons, reasons);
          assert.equal(participation.nativeStatuses?.device?.value, status, 'the status is kept beside the state');
          await kraken.kit.expectState(after.id);
          await kraken.kit.expectNoAdapterFailures(after.id);
        });
      }
    });
  }
});
