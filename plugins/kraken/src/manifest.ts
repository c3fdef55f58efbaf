import { PARTICIPATION_STATES, SDK_VERSION, statesBetween, statesOfPhase, TERMINAL_STATES, type AdapterManifest } from '@flexroll/sdk';
import { configSchema } from './config.js';
import { operatorEvents } from './events.js';
import {
  DEVICE_STATUSES, ELIGIBILITY, SMART_CONTROL_ACTIONS, TEST_DISPATCH_STATUSES,
} from './krakenEnums.js';

const ENROLMENT_UP_TO_ELIGIBILITY = statesBetween('ENROLMENT_REQUESTED', 'AWAITING_ELIGIBILITY');
/** Once control is confirmed, until the device has left. */
const CONTROLLABLE = statesBetween('AWAITING_ELIGIBILITY', 'WINDING_DOWN');
/** Where a retired device may stand: leaving or left (the Unenrolment phase), or ended early (a Terminal state). */
const OUT_OR_LEAVING = [...new Set([...statesOfPhase('Unenrolment'), ...TERMINAL_STATES])];

/** The KrakenFlex adapter: what it is, its config (two secrets), Kraken's four statuses and its four events. */
export const manifest: AdapterManifest<typeof configSchema, typeof operatorEvents> = {
  id: 'kraken',
  name: 'KrakenFlex',
  version: '0.1.0',
  sdkVersion: `^${SDK_VERSION}`,
  configSchema,
  capabilities: {
    meterAccess: 'optional',
    drivenTriggers: ['consent_requested', 'telemetry_received', 'control_confirmed', 'eligibility_confirmed', 'eligibility_denied', 'device_live', 'suspension_raised', 'suspension_cleared', 'leave_requested', 'notice_served', 'offboarded', 'failed'],
  },
  operatorEvents,
  nativeStatuses: {
    device: {
      description: 'KrakenFlexDeviceStatusChoices: the device lifecycle',
      values: [...DEVICE_STATUSES],
      agreesWith: {
        ONBOARDING: statesBetween('ENROLMENT_REQUESTED', 'CONFIRMING_DISPATCH'),
        ONBOARDING_TEST_IN_PROGRESS: statesBetween('AWAITING_METER_ACCESS', 'CONFIRMING_DISPATCH'),
        PENDING_LIVE: statesBetween('AWAITING_METER_ACCESS', 'REGISTERED'),
        LIVE: CONTROLLABLE,
        FAILED_ONBOARDING_TEST: ['FAILED', 'SUSPENDED'],
        RETIRED: OUT_OR_LEAVING,
      },
      driftAfterMinutes: 60,
    },
    testDispatch: {
      description: 'TestDispatchStatus: the latest test dispatch (test charge)',
      values: [...TEST_DISPATCH_STATUSES],
      agreesWith: { TRIGGERED: statesBetween('AWAITING_TELEMETRY', 'CONFIRMING_DISPATCH') },
      driftAfterMinutes: 120,
    },
    smartControl: {
      description: 'SmartControlAction: the last smart-control action on the device',
      values: [...SMART_CONTROL_ACTIONS],
      agreesWith: { SUSPEND: PARTICIPATION_STATES.filter((state) => state !== 'ACTIVE') },
      driftAfterMinutes: 30,
    },
    eligibility: {
      description: "Eligibility: Kraken's verdict on the customer",
      values: [...ELIGIBILITY],
      agreesWith: Object.fromEntries(
        ELIGIBILITY.map((value) => [value, value === 'ELIGIBLE' ? PARTICIPATION_STATES.filter((state) => state !== 'INELIGIBLE') : [...ENROLMENT_UP_TO_ELIGIBILITY, 'INELIGIBLE', 'FAILED']]),
      ),
      driftAfterMinutes: 60,
    },
  },
  polling: { batchSize: 50, intervalSeconds: 300, maxIntervalSeconds: 3600 },
};
