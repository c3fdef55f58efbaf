/**
 * Kraken's enums this adapter maps, word for word from seed 003 (Kraken's API enums). Each is a list, so that the
 * manifest's schemas and the mapping tables are built from the same values.
 */

/** KrakenFlexDeviceStatusChoices: the lifecycle of a KrakenFlex device on the smarter tariff API. */
export const DEVICE_STATUSES = ['ONBOARDING', 'ONBOARDING_TEST_IN_PROGRESS', 'PENDING_LIVE', 'LIVE', 'FAILED_ONBOARDING_TEST', 'RETIRED'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** TestDispatchStatus: all possible test dispatch (test charge) statuses. */
export const TEST_DISPATCH_STATUSES = ['TRIGGERED', 'COMPLETE', 'FAILED'] as const;
export type TestDispatchStatus = (typeof TEST_DISPATCH_STATUSES)[number];

/** TestDispatchAssessmentFailureReason: why Kraken believes a test dispatch did not succeed (NONE: it did). */
export const TEST_DISPATCH_FAILURE_REASONS = [
  'ASSESSMENTS_FAILED', 'DEVICE_DISCONNECTED', 'ERROR', 'NONE', 'NOT_AT_HOME', 'SOC_LIMIT_REACHED', 'UNABLE_TO_COMMUNICATE', 'UNKNOWN',
] as const;
export type TestDispatchFailureReason = (typeof TEST_DISPATCH_FAILURE_REASONS)[number];

/** SmartControlAction: suspend or unsuspend smart control of a device. */
export const SMART_CONTROL_ACTIONS = ['SUSPEND', 'UNSUSPEND'] as const;
export type SmartControlAction = (typeof SMART_CONTROL_ACTIONS)[number];

/** Eligibility: ELIGIBLE, or why not. */
export const ELIGIBILITY = [
  'BUSINESS_ACCOUNT', 'CAPPED_CATCHMENT', 'ELIGIBLE', 'HAS_SMART_TARIFF', 'INCORRECT_READ_PERMISSION', 'INVALID_BRAND', 'INVALID_CATCHMENT',
  'NO_ACTIVE_AGREEMENTS', 'NO_RECENT_READING', 'NO_SMART_METER', 'ONBOARDING_TO_SMART_TARIFF',
] as const;
export type Eligibility = (typeof ELIGIBILITY)[number];

/** IneligibilityReasons: further reasons a customer is not eligible. */
export const INELIGIBILITY_REASONS = [
  'ACTIVE_EXCLUSION_CAMPAIGN', 'ALREADY_SIGNED_UP', 'DISABLED_HH_READINGS', 'INCORRECT_BRAND', 'NO_DIRECT_DEBIT', 'NO_ELIGIBLE_METERS', 'NO_PROPERTIES', 'OCTOPLUS_DISABLED',
] as const;
export type IneligibilityReason = (typeof INELIGIBILITY_REASONS)[number];

/** ProviderChoices: the provider used to authenticate when registering a device. */
export const PROVIDERS = [
  'DAIKIN', 'ECOBEE', 'ENERGIZER', 'ENODE', 'ENPHASE', 'FORD', 'GIVENERGY', 'HUAWEI', 'HYPERVOLT', 'INDRA', 'JEDLIX', 'MYENERGI',
  'OCPP_WALLBOX', 'OHME', 'SENSI', 'SMARTCAR', 'SMART_PEAR', 'SOLAREDGE', 'TESLA', 'VP_AMAZON', 'VP_HONEYWELL_CC', 'VP_HONEYWELL_RES', 'VP_NEST',
] as const;
export type Provider = (typeof PROVIDERS)[number];

/** KrakenFlexDeviceTypes: the device types KrakenFlex can control. */
export const DEVICE_TYPES = ['BATTERIES', 'ELECTRIC_VEHICLES', 'HEAT_PUMPS', 'INVERTERS', 'STORAGE_HEATERS', 'THERMOSTATS'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];
