import { PARTICIPATION_STATES, SDK_VERSION, statesBetween, statesOfPhase, TERMINAL_STATES, type AdapterManifest } from '@flexroll/sdk';
import {
  DEVICE_STATUSES, DEVICE_TYPES, ELIGIBILITY, INELIGIBILITY_REASONS, PROVIDERS, SMART_CONTROL_ACTIONS, TEST_DISPATCH_FAILURE_REASONS, TEST_DISPATCH_STATUSES,
} from './krakenEnums.js';

const ENROLMENT_UP_TO_ELIGIBILITY = statesBetween('ENROLMENT_REQUESTED', 'AWAITING_ELIGIBILITY');
/** Once control is confirmed, until the device has left. */
const CONTROLLABLE = statesBetween('AWAITING_ELIGIBILITY', 'WINDING_DOWN');
/** Where a retired device may stand: leaving or left (the Unenrolment phase), or ended early (a Terminal state). */
const OUT_OR_LEAVING = [...new Set([...statesOfPhase('Unenrolment'), ...TERMINAL_STATES])];

/** Every event carries the Kraken device it is about (and the account, for polling), plus what changed. */
const event = (properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required: ['deviceId', ...required],
  properties: { deviceId: { type: 'string', minLength: 1, maxLength: 100 }, accountNumber: { type: 'string', pattern: '^A-[0-9A-F]{8}$' }, ...properties },
});

/** The KrakenFlex adapter: what it is, its config (two secrets), Kraken's four statuses and its four events. */
export const manifest: AdapterManifest = {
  id: 'kraken',
  name: 'KrakenFlex',
  version: '0.1.0',
  sdkVersion: `^${SDK_VERSION}`,
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['apiKey', 'webhookSecret'],
    properties: {
      apiBaseUrl: { type: 'string', format: 'uri', default: 'https://api.octopus.energy/v1/graphql/', description: "Kraken's GraphQL endpoint" },
      apiKey: { type: 'string', minLength: 8, 'x-secret': true, description: 'The API key obtainKrakenToken exchanges for a JWT' },
      webhookSecret: { type: 'string', minLength: 16, 'x-secret': true, description: "The secret Kraken signs its webhooks with (x-kraken-signature)" },
      deviceTypes: { type: 'array', uniqueItems: true, minItems: 1, items: { enum: [...DEVICE_TYPES] }, description: 'The device types this programme takes; all by default' },
      startTestDispatch: { type: 'boolean', default: true, description: 'Ask Kraken for a test dispatch when a participation reaches CONFIRMING_DISPATCH' },
      requestTimeoutMs: { type: 'integer', minimum: 100, maximum: 30000, default: 3000, description: 'How long each call to Kraken may take (retries included in the platform’s own limit)' },
    },
  },
  capabilities: {
    meterAccess: 'optional',
    drivenTriggers: ['consent_requested', 'telemetry_received', 'control_confirmed', 'eligibility_confirmed', 'eligibility_denied', 'device_live', 'suspension_raised', 'suspension_cleared', 'leave_requested', 'notice_served', 'offboarded', 'failed'],
  },
  operatorEvents: {
    'device.status': event({ status: { enum: [...DEVICE_STATUSES] }, provider: { enum: [...PROVIDERS] }, deviceType: { enum: [...DEVICE_TYPES] } }, ['status']),
    'test_dispatch.status': event({ status: { enum: [...TEST_DISPATCH_STATUSES] }, assessmentFailureReason: { enum: [...TEST_DISPATCH_FAILURE_REASONS] } }, ['status']),
    'smart_control.changed': event({ action: { enum: [...SMART_CONTROL_ACTIONS] } }, ['action']),
    'eligibility.updated': event({ eligibility: { enum: [...ELIGIBILITY] }, ineligibilityReasons: { type: 'array', uniqueItems: true, items: { enum: [...INELIGIBILITY_REASONS] } } }, ['eligibility']),
  },
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
