/** The programs capability's façade: what other capabilities, and other packages through @flexroll/core, may use. */

export { type AdapterBinding, type CustomerDataGrant, DEFAULT_EXPECTED_DURATIONS, DEFAULT_NOTICE_PERIOD_DAYS, DEFAULT_TELEMETRY_STALENESS_HOURS, EXPECTABLE_STATES, type ExpectableState, type ExpectedDurations, ISO_DURATION_PATTERN, MAX_EXPECTED_DURATION_DAYS, type ProgramInstance } from './ProgramInstance.js';
export { expectedDurationsMs } from './expectedDurations.js';
export { checkDeadlineSettings, deadlineSettingsOf, type ResolvedDeadlineSettings } from './deadlineSettings.js';
export { grantCustomerData, type CustomerDataGrantInput } from './customerDataGrant.js';
export type { ProgramInstanceRepository } from './ports/ProgramInstanceRepository.js';
export type { ProgramRepository } from './ports/ProgramRepository.js';
export type { Program, Provider } from './Program.js';
export { type CreateProgramInput, ProgramService } from './ProgramService.js';
export { DEFAULT_ADAPTER, type ProgramInstanceChanges, type ProgramInstanceInput, ProgramInstanceService } from './ProgramInstanceService.js';
export { programsModule } from './programsModule.js';
export { versionOf } from './InstanceVersions.js';
