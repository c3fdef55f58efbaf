/**
 * @flexroll/core — the domain: its services, the models they speak, the repository ports a store implements, the
 * tokens they are bound under, and the container module that binds them. No HTTP, no database driver.
 * Internals (the event log, decisions, the adapter gateway) are reachable for tests and benchmarks only, through
 * `@flexroll/core/testing` in the test build.
 * @packageDocumentation
 */

// Module, settings and tokens
export { coreModule, type CoreModuleOptions } from './CoreModule.js';
export { DEFAULT_CORE_SETTINGS, type CoreSettings } from './platform/CoreSettings.js';
export { CORE_TOKENS, resolveAll, resolvePort, STORE_TOKENS, type Token } from './platform/tokens.js';
export { ManualClock, SystemClock, type Clock } from './platform/Clock.js';
export { SILENT_LOGGER, type CoreLogger } from './platform/CoreLogger.js';
export type { BackgroundTask } from './platform/background/BackgroundTask.js';
export { BackgroundRunner } from './platform/background/BackgroundRunner.js';
export { IdempotencyExpiry } from './platform/idempotency/IdempotencyExpiry.js';
export { SecretBox } from './platform/secrets/SecretBox.js';
export { SECRET_MASK } from './operators/adapters/sealConfig.js';
export { loadAdapters } from './operators/adapters/loadAdapters.js';
export { AdapterLoadError, type AdapterLoadPhase } from './operators/adapters/AdapterLoadError.js';
export { checkAdapter } from './operators/adapters/checkManifest.js';
export { compileSchema, describeIssues, toFieldIssues, type SchemaCheck } from './platform/validation/schemaValidator.js';
export { MAX_STORED_DEPTH, nulIssue, storableShapeIssue } from './platform/validation/storableShape.js';

// Models
export * from './access/ApiKey.js';
export type * from './webhooks/WebhookEndpoint.js';
export * from './webhooks/WebhookMessage.js';
export type * from './webhooks/dispatch/DeliveryAttempt.js';
export type * from './webhooks/dispatch/Cursor.js';
export type { CallContext } from './platform/CallContext.js';
export type { Operation } from './platform/Operation.js';
export * from './enrollments/Enrollment.js';
export * from './enrollments/EnrollmentEvent.js';
export * from './platform/Page.js';
export type * from './enrollments/Participation.js';
export type * from './participation/ParticipationRecord.js';
export type * from './enrollments/people/Person.js';
export type * from './programs/Program.js';
export * from './programs/ProgramInstance.js';
export type * from './access/Workspace.js';
export { CUID_PATTERN } from './platform/ids.js';
export { REQUIRED_FIELDS_BY_IDENTIFICATION, type CreateEnrollmentInput } from './enrollments/identification.js';
export { participationFlags, type ParticipationFlags } from './participation/participationFlags.js';
export { expectedDurationsMs } from './programs/expectedDurations.js';
export { STATUS_REASON_BY_TRIGGER } from './enrollments/statusReasons.js';
export type { StateSubmission, SubmittedState } from './participation/decideSubmission.js';
export {
  ADDRESS_SCHEMA, EMAIL_SCHEMA, ENROLLMENT_DATA_FIELDS, ENROLLMENT_INPUT_SCHEMA, ENROLLMENT_PATCH_FIELDS, ENROLLMENT_RESPONSE_FIELDS, METADATA_SCHEMA, PHONE_SCHEMA, SLUG_SCHEMA, TAG_SCHEMA,
} from './enrollments/enrollmentInputSchema.js';
export { ENROLLMENT_FIELDS, type EnrollmentFieldName, type EnrollmentFieldSpec } from './enrollments/enrollmentFields.js';
export { ENROLLMENT_FIELD_ENTRIES } from './enrollments/enrollmentFieldLists.js';
export { ELIGIBILITY_RULES_SCHEMA, REQUIRABLE_FIELDS, type EligibilityRules, type VersionedEligibilityRules } from './screening/EligibilityRules.js';
export { checkEligibilityRules } from './screening/checkEligibilityRules.js';
export { ENROLLED_ELSEWHERE_REASON, evaluateRules, type RuleFailure } from './screening/evaluateRules.js';
export { ELIGIBLE_REASON, type Verdict } from './screening/Verdict.js';
export * from './jobs/Job.js';
export { UploadTooLargeError } from './jobs/upload/stageUpload.js';

// Ports
export type * from './access/ports/ApiKeyRepository.js';
export type * from './platform/claims/ClaimRepository.js';
export type * from './enrollments/ports/EnrollmentEventRepository.js';
export type * from './enrollments/ports/EnrollmentProjectionRepository.js';
export type * from './platform/idempotency/IdempotencyRepository.js';
export type * from './screening/ports/EligibilityRuleRepository.js';
export type * from './jobs/ports/JobRepository.js';
export type * from './platform/InsertResult.js';
export type * from './enrollments/people/PersonRepository.js';
export type * from './programs/ports/ProgramInstanceRepository.js';
export type * from './programs/ports/ProgramRepository.js';
export type * from './access/ports/WorkspaceRepository.js';
export type * from './operators/ports/OperatorReferenceRepository.js';
export type * from './operators/ports/AdapterOutboxRepository.js';
export type * from './webhooks/ports/WebhookEndpointRepository.js';
export type * from './webhooks/ports/WebhookMessageRepository.js';
export type * from './webhooks/ports/DeliveryAttemptRepository.js';
export type * from './webhooks/ports/CursorRepository.js';
export { feedSecondOf, recordedSecondOf, type EventFeedRepository } from './webhooks/ports/EventFeedRepository.js';

// Services
export { ApiKeyService, hashSecret, type CreateApiKeyInput } from './access/ApiKeyService.js';
export { EnrollmentService, type UpdateEnrollmentInput } from './enrollments/EnrollmentService.js';
export { EventService } from './enrollments/EventService.js';
export { IdempotencyService, type IdempotentRequest } from './platform/idempotency/IdempotencyService.js';
export { OperatorEventService, type InboundOperatorEvent } from './operators/OperatorEventService.js';
export { ParticipationService, type ParticipationStateChange, type TriggerRequest } from './participation/ParticipationService.js';
export { PeopleService } from './enrollments/people/PeopleService.js';
export { DEFAULT_ADAPTER, ProgramInstanceService, type ProgramInstanceChanges, type ProgramInstanceInput } from './programs/ProgramInstanceService.js';
export { ProgramService, type CreateProgramInput } from './programs/ProgramService.js';
export { WorkspaceService } from './access/WorkspaceService.js';
export { SweepService, type SweepReport } from './participation/sweeps/SweepService.js';
export { JobService, type BulkRequest, type ImportUpload } from './jobs/JobService.js';
export { JobRunner } from './jobs/JobRunner.js';

// Operators: references, inbound webhooks, polling, the adapter outbox, drift
export { OperatorReferenceService } from './operators/OperatorReferenceService.js';
export { OperatorWebhookService, type RawWebhook, type WebhookEventResult } from './operators/OperatorWebhookService.js';
export { OperatorPollingTask, POLLED_STATES, MAX_BATCHES_PER_WINDOW } from './operators/OperatorPollingTask.js';
export { AdapterOutbox } from './operators/AdapterOutbox.js';
export { AdapterOutboxTask } from './operators/AdapterOutboxTask.js';
export { DriftService, type DriftingParticipation } from './operators/DriftService.js';
export { REDACTED } from './operators/adapters/redactSecrets.js';
export { WebhookEndpointService, type IssuedWebhookEndpoint, type WebhookEndpointChanges, type WebhookEndpointInput } from './webhooks/WebhookEndpointService.js';
export { WebhookLogService } from './webhooks/WebhookLogService.js';

// Webhooks
export { WebhookDispatcher } from './webhooks/dispatch/WebhookDispatcher.js';
export { claimNextAttempt, type ClaimOutcome, type ClaimRequest } from './platform/leases/claimNextAttempt.js';
export { NodeWebhookTransport } from './webhooks/transport/NodeWebhookTransport.js';
export { RESPONSE_BODY_LIMIT, type WebhookRequest, type WebhookResult, type WebhookTransport } from './webhooks/transport/WebhookTransport.js';
export { signWebhook, type WebhookSignatureHeaders } from './webhooks/signing/signWebhook.js';
export { isForbiddenAddress } from './webhooks/network/forbiddenAddress.js';
export { DELIVERED_EVENT_TYPES, ENDPOINT_DISABLED_EVENT, TEST_EVENT, WEBHOOK_EVENT_TYPES } from './webhooks/payload/webhookEventTypes.js';
export { payloadOfEvent, type WebhookPayload } from './webhooks/payload/webhookPayload.js';
export { WEBHOOK_DATA_SCHEMAS, webhookPayloadSchema } from './webhooks/payload/webhookPayloadSchemas.js';

// The seeds' own examples, for the adapter test kit (a product package) as well as for tests.
export * from './seeds/seedExamples.js';
