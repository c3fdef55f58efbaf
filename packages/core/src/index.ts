export { coreModule, type CoreModuleOptions } from './CoreModule.js';
export { DEFAULT_CORE_SETTINGS, type CoreSettings } from './CoreSettings.js';
export { CORE_TOKENS, resolvePort, STORE_TOKENS, type Token } from './tokens.js';
export { ManualClock, SystemClock, type Clock } from './clock/Clock.js';
export { CUID_PATTERN, newCuid, newEventId, newPrefixedId } from './ids/ids.js';

export * from './model/ApiKey.js';
export type { CallContext } from './model/CallContext.js';
export * from './model/Enrollment.js';
export * from './model/EnrollmentEvent.js';
export * from './model/Page.js';
export type * from './model/Participation.js';
export type * from './model/Person.js';
export type * from './model/Program.js';
export * from './model/ProgramInstance.js';
export type * from './model/Workspace.js';

export type * from './ports/ApiKeyRepository.js';
export type * from './ports/ClaimRepository.js';
export type * from './ports/EnrollmentEventRepository.js';
export type * from './ports/EnrollmentProjectionRepository.js';
export type * from './ports/IdempotencyRepository.js';
export type * from './ports/InsertResult.js';
export type * from './ports/PersonRepository.js';
export type * from './ports/ProgramInstanceRepository.js';
export type * from './ports/ProgramRepository.js';
export type * from './ports/WorkspaceRepository.js';

export { EnrollmentLog, type Author, type ChangeResult, type Decision } from './enrollment/EnrollmentLog.js';
export { projectEnrollment } from './enrollment/projectEnrollment.js';
export { REQUIRED_FIELDS_BY_IDENTIFICATION, type CreateEnrollmentInput } from './enrollment/identification.js';
export { ChangeRunner, type RuledDecision } from './enrollment/ChangeRunner.js';
export type { InstanceRules } from './enrollment/decisions.js';
export { AdapterGateway } from './adapters/AdapterGateway.js';
export { AdapterLoadError, type AdapterLoadPhase } from './adapters/AdapterLoadError.js';
export { AdapterRegistry } from './adapters/AdapterRegistry.js';
export { BoundAdapter } from './adapters/BoundAdapter.js';
export { checkAdapter, checkManifest } from './adapters/checkManifest.js';
export { loadAdapters } from './adapters/loadAdapters.js';
export { secretConfigFields, validateAdapterConfig } from './adapters/validateAdapterConfig.js';
export { toEnrollmentView, toParticipationView } from './adapters/views.js';
export { SecretBox } from './secrets/SecretBox.js';
export { maskConfig, SECRET_MASK } from './secrets/sealConfig.js';

export { ApiKeyService, hashSecret, type CreateApiKeyInput } from './services/ApiKeyService.js';
export { EnrollmentService, type UpdateEnrollmentInput } from './services/EnrollmentService.js';
export { EventService } from './services/EventService.js';
export { IdempotencyService } from './services/IdempotencyService.js';
export { OperatorEventService, type InboundOperatorEvent } from './services/OperatorEventService.js';
export { ParticipationService, type SubmittedState, type TriggerRequest } from './services/ParticipationService.js';
export { PeopleService } from './services/PeopleService.js';
export { DEFAULT_ADAPTER, ProgramInstanceService, type ProgramInstanceChanges, type ProgramInstanceInput } from './services/ProgramInstanceService.js';
export { ProgramService, type CreateProgramInput } from './services/ProgramService.js';
export { WorkspaceService } from './services/WorkspaceService.js';
export { SweepService, type SweepReport } from './sweeps/SweepService.js';

// The seeds' own examples, for the adapter test kit (a product package) as well as for tests.
export * from './seeds/seedExamples.js';
