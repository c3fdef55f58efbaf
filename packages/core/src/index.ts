/**
 * @flexroll/core — the domain: its services, the models they speak, the repository ports a store implements, the
 * tokens they are bound under, and the container module that binds them. No HTTP, no database driver.
 * Internals (the event log, decisions, the adapter gateway) are reachable for tests and benchmarks only, through
 * `@flexroll/core/testing` in the test build.
 * @packageDocumentation
 */

// Module, settings and tokens
export { coreModule, type CoreModuleOptions } from './CoreModule.js';
export { DEFAULT_CORE_SETTINGS, type CoreSettings } from './CoreSettings.js';
export { CORE_TOKENS, resolveAll, resolvePort, STORE_TOKENS, type Token } from './tokens.js';
export { ManualClock, SystemClock, type Clock } from './clock/Clock.js';
export { SILENT_LOGGER, type CoreLogger } from './logging/CoreLogger.js';
export type { BackgroundTask } from './background/BackgroundTask.js';
export { BackgroundRunner } from './background/BackgroundRunner.js';
export { IdempotencyExpiry } from './background/IdempotencyExpiry.js';
export { SecretBox } from './secrets/SecretBox.js';
export { SECRET_MASK } from './secrets/sealConfig.js';
export { loadAdapters } from './adapters/loadAdapters.js';
export { AdapterLoadError, type AdapterLoadPhase } from './adapters/AdapterLoadError.js';
export { checkAdapter } from './adapters/checkManifest.js';
export { compileSchema, describeIssues, toFieldIssues, type SchemaCheck } from './validation/schemaValidator.js';
export { MAX_STORED_DEPTH, nulIssue, storableShapeIssue } from './validation/storableShape.js';

// Models
export * from './model/ApiKey.js';
export type * from './model/WebhookEndpoint.js';
export * from './model/WebhookMessage.js';
export type * from './model/DeliveryAttempt.js';
export type * from './model/Cursor.js';
export type { CallContext } from './model/CallContext.js';
export type { Operation } from './model/Operation.js';
export * from './model/Enrollment.js';
export * from './model/EnrollmentEvent.js';
export * from './model/Page.js';
export type * from './model/Participation.js';
export type * from './model/ParticipationRecord.js';
export type * from './model/Person.js';
export type * from './model/Program.js';
export * from './model/ProgramInstance.js';
export type * from './model/Workspace.js';
export { CUID_PATTERN } from './ids/ids.js';
export { REQUIRED_FIELDS_BY_IDENTIFICATION, type CreateEnrollmentInput } from './enrollment/identification.js';
export { participationFlags, type ParticipationFlags } from './participation/participationFlags.js';
export { expectedDurationsMs } from './participation/expectedDurations.js';
export { STATUS_REASON_BY_TRIGGER } from './enrollment/statusReasons.js';
export type { StateSubmission, SubmittedState } from './enrollment/decideSubmission.js';
export {
  ADDRESS_SCHEMA, EMAIL_SCHEMA, ENROLLMENT_DATA_FIELDS, ENROLLMENT_INPUT_SCHEMA, ENROLLMENT_PATCH_FIELDS, ENROLLMENT_RESPONSE_FIELDS, METADATA_SCHEMA, PHONE_SCHEMA, SLUG_SCHEMA, TAG_SCHEMA,
} from './enrollment/enrollmentInputSchema.js';
export { ENROLLMENT_FIELDS, type EnrollmentFieldName, type EnrollmentFieldSpec } from './enrollment/enrollmentFields.js';
export { ENROLLMENT_FIELD_ENTRIES } from './enrollment/enrollmentFieldLists.js';
export { ELIGIBILITY_RULES_SCHEMA, REQUIRABLE_FIELDS, type EligibilityRules, type VersionedEligibilityRules } from './eligibility/EligibilityRules.js';
export { checkEligibilityRules } from './eligibility/checkEligibilityRules.js';
export { ENROLLED_ELSEWHERE_REASON, evaluateRules, type RuleFailure } from './eligibility/evaluateRules.js';
export { ELIGIBLE_REASON, type Verdict } from './eligibility/Verdict.js';
export * from './jobs/Job.js';
export { UploadTooLargeError } from './jobs/upload/stageUpload.js';

// Ports
export type * from './ports/ApiKeyRepository.js';
export type * from './ports/ClaimRepository.js';
export type * from './ports/EnrollmentEventRepository.js';
export type * from './ports/EnrollmentProjectionRepository.js';
export type * from './ports/IdempotencyRepository.js';
export type * from './ports/EligibilityRuleRepository.js';
export type * from './ports/JobRepository.js';
export type * from './ports/InsertResult.js';
export type * from './ports/PersonRepository.js';
export type * from './ports/ProgramInstanceRepository.js';
export type * from './ports/ProgramRepository.js';
export type * from './ports/WorkspaceRepository.js';
export type * from './ports/OperatorReferenceRepository.js';
export type * from './ports/AdapterOutboxRepository.js';
export type * from './ports/WebhookEndpointRepository.js';
export type * from './ports/WebhookMessageRepository.js';
export type * from './ports/DeliveryAttemptRepository.js';
export type * from './ports/CursorRepository.js';
export { feedSecondOf, recordedSecondOf, type EventFeedRepository } from './ports/EventFeedRepository.js';

// Services
export { ApiKeyService, hashSecret, type CreateApiKeyInput } from './services/ApiKeyService.js';
export { EnrollmentService, type UpdateEnrollmentInput } from './services/EnrollmentService.js';
export { EventService } from './services/EventService.js';
export { IdempotencyService, type IdempotentRequest } from './services/IdempotencyService.js';
export { OperatorEventService, type InboundOperatorEvent } from './services/OperatorEventService.js';
export { ParticipationService, type ParticipationStateChange, type TriggerRequest } from './services/ParticipationService.js';
export { PeopleService } from './services/PeopleService.js';
export { DEFAULT_ADAPTER, ProgramInstanceService, type ProgramInstanceChanges, type ProgramInstanceInput } from './services/ProgramInstanceService.js';
export { ProgramService, type CreateProgramInput } from './services/ProgramService.js';
export { WorkspaceService } from './services/WorkspaceService.js';
export { SweepService, type SweepReport } from './sweeps/SweepService.js';
export { JobService, type BulkRequest, type ImportUpload } from './jobs/JobService.js';
export { JobRunner } from './jobs/JobRunner.js';

// Operators: references, inbound webhooks, polling, the adapter outbox, drift
export { OperatorReferenceService } from './operators/OperatorReferenceService.js';
export { OperatorWebhookService, type RawWebhook, type WebhookEventResult } from './operators/OperatorWebhookService.js';
export { OperatorPollingTask, POLLED_STATES, MAX_BATCHES_PER_WINDOW } from './operators/OperatorPollingTask.js';
export { AdapterOutbox } from './operators/AdapterOutbox.js';
export { AdapterOutboxTask } from './operators/AdapterOutboxTask.js';
export { DriftService, type DriftingParticipation } from './operators/DriftService.js';
export { REDACTED } from './adapters/redactSecrets.js';
export { WebhookEndpointService, type IssuedWebhookEndpoint, type WebhookEndpointChanges, type WebhookEndpointInput } from './services/WebhookEndpointService.js';
export { WebhookLogService } from './services/WebhookLogService.js';

// Webhooks
export { WebhookDispatcher } from './webhooks/dispatch/WebhookDispatcher.js';
export { claimNextAttempt, type ClaimOutcome, type ClaimRequest } from './leases/claimNextAttempt.js';
export { NodeWebhookTransport } from './webhooks/transport/NodeWebhookTransport.js';
export { RESPONSE_BODY_LIMIT, type WebhookRequest, type WebhookResult, type WebhookTransport } from './webhooks/transport/WebhookTransport.js';
export { signWebhook, type WebhookSignatureHeaders } from './webhooks/signing/signWebhook.js';
export { isForbiddenAddress } from './webhooks/network/forbiddenAddress.js';
export { DELIVERED_EVENT_TYPES, ENDPOINT_DISABLED_EVENT, TEST_EVENT, WEBHOOK_EVENT_TYPES } from './webhooks/payload/webhookEventTypes.js';
export { payloadOfEvent, type WebhookPayload } from './webhooks/payload/webhookPayload.js';
export { WEBHOOK_DATA_SCHEMAS, webhookPayloadSchema } from './webhooks/payload/webhookPayloadSchemas.js';

// The seeds' own examples, for the adapter test kit (a product package) as well as for tests.
export * from './seeds/seedExamples.js';
