/**
 * @flexroll/core — the domain: its services, the models they speak, the repository ports a store implements, the
 * tokens they are bound under, and the container module that binds them. No HTTP, no database driver.
 * Internals (the event log, decisions, the adapter gateway) are reachable for tests and benchmarks only, through
 * `@flexroll/core/testing` in the test build.
 * @packageDocumentation
 */

// Module, settings and tokens
export { coreModule, type CoreModuleOptions } from './CoreModule.js';
export { PLATFORM_SERVICES, resolvePlatformServices, type PlatformServices } from './platformServices.js';
export { DEFAULT_CORE_SETTINGS, type CoreSettings } from './platform/index.js';
export { CORE_TOKENS, resolveAll, resolvePort, STORE_TOKENS, type Token } from './platform/index.js';
export { ManualClock, SystemClock, type Clock } from './platform/index.js';
export { SILENT_LOGGER, type CoreLogger } from './platform/index.js';
export { NO_METRICS, type CoreMetrics } from './platform/index.js';
export type { BackgroundTask } from './platform/index.js';
export { BackgroundRunner } from './platform/index.js';
export type { RateCountRepository } from './platform/index.js';
export { currentTrace, outgoingTraceparent, parseTraceparent, runWithTrace, startTrace, type TraceContext, traceFor, tracedFetch } from './platform/index.js';
export { IdempotencyExpiry } from './platform/index.js';
export { SecretBox, SecretKeyMismatchError } from './platform/index.js';
export { checkIfMatch, etagOf, inInstanceScope, isInstanceScoped, PreconditionFailedError, requireInInstanceScope, requireWorkspaceScope, scopedInstanceFilter, type IfMatch } from './platform/index.js';
// The SSRF guard every outbound call of the platform goes through (webhooks, adapters).
export { guardedFetch, isForbiddenAddress, isForbiddenHost, type ResolveAll, systemResolve } from './platform/index.js';
export { SECRET_MASK } from './operators/index.js';
export { loadAdapters } from './operators/index.js';
export { AdapterLoadError, type AdapterLoadPhase } from './operators/index.js';
export { checkAdapter } from './operators/index.js';
export { compileSchema, describeIssues, toFieldIssues, type SchemaCheck } from './platform/index.js';
export { MAX_STORED_DEPTH, nulIssue, storableShapeIssue } from './platform/index.js';
export { collectWindow, compareSortKeys, type CursorPage, cursorFormWindow, decodeListCursor, encodeListCursor, isKeyOf, LIST_SCAN_LIMIT, type ListWindow, type MergedSecond, mergeSeconds, PAGE_FORM_DEPTH, pageFormWindow, type SortKey, toCursorPage, toWindowPage, type WindowOrder, type WindowPage, type WindowRequest } from './platform/index.js';

// Models
export { API_KEY_PERMISSIONS, type ApiKeyPermission, type ApiKeyType, type ApiKeyMode, type ApiKey, type IssuedApiKey, type KeyGrantor } from './access/index.js';
export type { EndpointDisabledReason, WebhookEndpoint } from './webhooks/index.js';
export { type WebhookMessageState, WEBHOOK_MESSAGE_STATES, type WebhookMessage } from './webhooks/index.js';
export type { AttemptOutcome, DeliveryAttempt } from './webhooks/index.js';
export type { Cursor } from './webhooks/index.js';
export type { CallContext } from './platform/index.js';
export { servedRequest, serveRequest, type ServedRequest } from './platform/index.js';
export type { Operation } from './platform/index.js';
export { IDENTIFICATION_TYPES, type IdentificationType, type EnrollmentData, type EnrollmentChanges, type Eligibility, type Enrollment } from './enrollments/index.js';
export { DEADLINE_EVENT_TYPES, type DeadlineAnnouncement, type DeadlineEventType, EVENT_TYPES, type EventType, type Actor, type EnrollmentUpdateChanges, type EventDataByType, type OperatorEventOutcome, type OperatorEventTrace, type EventBatch, type EnrollmentEvent, type EventDraft } from './enrollments/index.js';
export { toPage, pageOffset, type Page, type PageRequest, MAX_PER_PAGE, DEFAULT_PER_PAGE } from './platform/index.js';
export type { ConsentRecord, DispatchControl, Participation, OperatorClockMark, ParticipationFacts, SuspensionOwner } from './enrollments/index.js';
export { DEADLINE_STATUSES, type Deadline, type DeadlineAnnouncements, type DeadlineSettings, type DeadlineStatus, type DeadlineTerms, DEFAULT_DEADLINE_LEAD_TIME, OPEN_DEADLINE_STATUSES, type ParticipationDeadlines, WAITING_ON, type WaitingOn, publicDeadline, type PublicDeadline } from './enrollments/index.js';
export type { ParticipationRecord, NamedNativeStatus } from './participation/index.js';
export type { Address, Customer, Lead } from './enrollments/index.js';
export type { Provider, Program } from './programs/index.js';
export { type AdapterBinding, type ProgramInstance, DEFAULT_TELEMETRY_STALENESS_HOURS, DEFAULT_NOTICE_PERIOD_DAYS, EXPECTABLE_STATES, type ExpectableState, type ExpectedDurations, DEFAULT_EXPECTED_DURATIONS, ISO_DURATION_PATTERN, MAX_EXPECTED_DURATION_DAYS } from './programs/index.js';
export type { Workspace } from './access/index.js';
export { CUID_PATTERN } from './platform/index.js';
export { REQUIRED_FIELDS_BY_IDENTIFICATION, type CreateEnrollmentInput } from './enrollments/index.js';
export { participationFlags, type ParticipationFlags } from './participation/index.js';
export { expectedDurationsMs, grantCustomerData, type CustomerDataGrant, type CustomerDataGrantInput } from './programs/index.js';
export { STATUS_REASON_BY_TRIGGER } from './enrollments/index.js';
export type { StateSubmission, SubmittedState } from './participation/index.js';
export {
  ADDRESS_SCHEMA, EMAIL_SCHEMA, ENROLLMENT_DATA_FIELDS, ENROLLMENT_INPUT_SCHEMA, ENROLLMENT_PATCH_FIELDS, ENROLLMENT_RESPONSE_FIELDS, METADATA_SCHEMA, PHONE_SCHEMA, SLUG_SCHEMA, TAG_SCHEMA,
} from './enrollments/index.js';
export { ENROLLMENT_FIELDS, type EnrollmentFieldName, type EnrollmentFieldSpec } from './enrollments/index.js';
export { ENROLLMENT_FIELD_ENTRIES } from './enrollments/index.js';
export { ENROLLMENT_RESPONSE_SCHEMA, publicEnrollment, publicEventData } from './enrollments/index.js';
export {
  isWorkspaceEventType, isEnrollmentEvent, type ListedEvent, listedEventKeyOf, walkWorkspaceEvents, WORKSPACE_EVENT_TYPES, type WorkspaceEvent, workspaceEventKeyOf, type WorkspaceEventRepository,
  workspaceEventSecondOf, type WorkspaceEventType,
} from './enrollments/index.js';
export { ELIGIBILITY_RULES_SCHEMA, REQUIRABLE_FIELDS, type EligibilityRules, type VersionedEligibilityRules } from './screening/index.js';
export { checkEligibilityRules } from './screening/index.js';
export { ENROLLED_ELSEWHERE_REASON, evaluateRules, type RuleFailure } from './screening/index.js';
export { ELIGIBLE_REASON, type Verdict } from './screening/index.js';
export { addCounts, BULK_ACTIONS, type BulkAction, BULK_TARGETS, UPLOAD_FORMATS, type UploadFormat, type BulkWhere, type BulkFilter, type JobStatus, type JobCounts, NO_COUNTS, type Job, type JobChunk, type JobError, type RowError, type JobChunkResult, CHUNK_ROWS, FIRST_ERRORS } from './jobs/index.js';
export { MissingColumnsError, UploadTooLargeError } from './jobs/index.js';

// The overdue queue's records and their index-backed listing, which both stores use (issue 20)
export {
  ACTIONABLE_STATUSES, actionableDeadlines, actionableFieldOf, actionableKeyOf, countActionableOf, type DeadlineCounts, DEADLINE_KEY_FIELDS, type DeadlineAcknowledgement, type DeadlineBucketSource, type DeadlineFilter, type DeadlineGroup, type DeadlineKey, deadlineKeyOf,
  deadlineBucketsOf, type DeadlineKeyField, type DeadlineKeys, deadlineKeysOf, deadlineMatches, type DeadlineRecord, deadlineRecordsOf, deadlinesOf, type DeadlineScope, type DeadlineSnooze,
  type DerivedDeadlineRecord, isDeadlineKey, PAUSED_PERIOD, walkDeadlines,
} from './deadlines/index.js';

// Ports
export type { ApiKeyRepository } from './access/index.js';
export type { Claim, ClaimRepository } from './platform/index.js';
export type { EventFilter, EnrollmentEventRepository } from './enrollments/index.js';
export type { EnrollmentFilter, EnrollmentProjectionRepository, ProjectionSave } from './enrollments/index.js';
export type { DeadlineRepository } from './deadlines/index.js';
// The instance lists' counts and page reading, which both stores use (ADR 0017)
export { countedTagsOf, deadlineOfTag, deadlineTag, type ListFacets, listFacetsOf, manufacturerTag, sameListFacets, matchesEnrollmentFilter } from './enrollments/index.js';
export { LIST_PLACEMENT_VERSION } from './enrollments/index.js';
export { comboKey, emptyListCounts, facetsOfCombo, foldListChange, LIST_BLOCK_SIZE, LIST_SPAN_BLOCKS, listBlockOf, listSpanOf, type ListBlockCounts, type ListChange, type ListCounts } from './enrollments/index.js';
export { countMatching, isCountedFilter, type ListedEnrollment, type ListRead, readListPage, type ReadList } from './enrollments/index.js';
export { searchKeysOf, searchKeyString, searchLookupOf, searchWordsOf, type SearchKey } from './enrollments/index.js';
export { DUE_KEY_FIELDS, type DueKeyField, type DueKeys, dueKeysOf } from './enrollments/index.js';
export type { StoredResponse, IdempotencyRecord, IdempotencyRepository } from './platform/index.js';
export type { EligibilityRuleVersion, EligibilityRuleRepository } from './screening/index.js';
export type { JobRepository } from './jobs/index.js';
export type { InsertResult } from './platform/index.js';
export type { CustomerRepository, LeadRepository } from './enrollments/index.js';
export type { ProgramInstanceRepository } from './programs/index.js';
export type { ProgramRepository } from './programs/index.js';
export type { WorkspaceRepository } from './access/index.js';
export type { OperatorReferenceLink, OperatorReferenceRepository, OperatorEventIdRecord, OperatorEventIdRepository } from './operators/index.js';
export type { AdapterOutboxStatus, AdapterOutboxItem, AdapterOutboxRepository } from './operators/index.js';
export type { WebhookEndpointRepository } from './webhooks/index.js';
export type { WebhookMessageFilter, WebhookMessageRepository } from './webhooks/index.js';
export { isMessageKey, messageKeyOf, type MessageKey, messageListSecondOf, messageMatches, messageWalkStart, walkMessages } from './webhooks/index.js';
export { attemptsInCurrentSeries, currentSeriesOf, type SeriesAttempt } from './webhooks/index.js';
export type { DeliveryAttemptRepository } from './webhooks/index.js';
export type { CursorRepository } from './webhooks/index.js';
export { channelBucket, eventFeedBucketsOf, feedBucketsOf, type FeedChannel, feedChannelsOf, feedSecondOf, recordedSecondOf, type EventFeedRepository, ProjectionRepair } from './enrollments/index.js';

// Services
export { ApiKeyService, hashSecret, type CreateApiKeyInput } from './access/index.js';
export { EnrollmentService, type UpdateEnrollmentInput } from './enrollments/index.js';
export { EventService, eventKeyOf, type EventKey, eventListLeafOf, eventListSecondOf, eventWalkStart, isEventKey, walkEvents } from './enrollments/index.js';
export { IdempotencyService, type IdempotentRequest } from './platform/index.js';
export { OperatorEventService, type InboundOperatorEvent } from './operators/index.js';
export { ParticipationService, type ParticipationStateChange, type TriggerRequest } from './participation/index.js';
export { PeopleService } from './enrollments/index.js';
export { DEFAULT_ADAPTER, ProgramInstanceService, type ProgramInstanceChanges, type ProgramInstanceInput } from './programs/index.js';
export { versionOf } from './programs/index.js';
export { ProgramService, type CreateProgramInput } from './programs/index.js';
export { WorkspaceService } from './access/index.js';
export { DueMoments, SweepService, type SweepReport } from './participation/index.js';
export { DRY_RUN_SIZE, type DryRunOutcome, type DryRunResult, RulesDryRun } from './screening/index.js';
export { dueDeadlinesOf, type DueDeadlines, FUNNEL_STEPS, type FunnelStep, type InstanceSummary, InstanceSummaryService, listTotalsOf, type ListTotals, type WebhookHealth } from './summary/index.js';
export { type DeadlineQuery, DeadlineService, MAX_DEADLINE_REASON_LENGTH, MAX_SNOOZE_DAYS } from './deadlines/index.js';
export { JobService, type BulkRequest, type ImportUpload } from './jobs/index.js';
export { JobRunner } from './jobs/index.js';

// Operators: references, inbound webhooks, polling, the adapter outbox, drift
export { OperatorReferenceService } from './operators/index.js';
export { OperatorWebhookService, type RawWebhook, type WebhookEventResult } from './operators/index.js';
export { OperatorPollingTask, POLLED_STATES, MAX_BATCHES_PER_WINDOW } from './operators/index.js';
export { AdapterOutbox } from './operators/index.js';
export { AdapterOutboxTask } from './operators/index.js';
export { DriftService, type DriftingParticipation } from './operators/index.js';
export { REDACTED } from './operators/index.js';
export { WebhookEndpointService, type IssuedWebhookEndpoint, type WebhookEndpointChanges, type WebhookEndpointInput } from './webhooks/index.js';
export { WebhookLogService } from './webhooks/index.js';

// Webhooks
export { WebhookDispatcher } from './webhooks/index.js';
export { claimNextAttempt, type ClaimOutcome, type ClaimRequest } from './platform/index.js';
export { NodeWebhookTransport } from './webhooks/index.js';
export { RESPONSE_BODY_LIMIT, type WebhookRequest, type WebhookResult, type WebhookTransport } from './webhooks/index.js';
export { signWebhook, type WebhookSignatureHeaders } from './webhooks/index.js';
export { DELIVERED_EVENT_TYPES, ENDPOINT_DISABLED_EVENT, EVERY_EVENT_TYPE, subscribesTo, TEST_EVENT, WEBHOOK_EVENT_TYPES } from './webhooks/index.js';
export { payloadOfEvent, type WebhookPayload } from './webhooks/index.js';
export { WEBHOOK_DATA_SCHEMAS, webhookPayloadSchema } from './webhooks/index.js';

// The seeds' own examples, for the adapter test kit (a product package) as well as for tests.
export * from './seeds/seedExamples.js';
export {
  MEMBER_ROLES, type Member, type MemberRecord, type MemberRole, memberOf, type AddedMember, type MemberGrantor, MemberService, checkMemberGrant,
  PASSWORD_HASH_PARAMETERS, PasswordHasher, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, checkPassword, permissionsOfRole, csrfTokenOf,
  type Session, type ActiveSession, type OpenedSession, SessionService, type MemberRepository, type SessionRepository,
} from './access/index.js';
export {
  ASKABLE_FIELDS, type AskableField, askedOf, type ConsentEvidence, ENROLLMENT_PAGE_SCHEMA, type EnrollmentPage, EnrollmentPageService, type EnrollmentPageSettings, FormSeal,
  LOCALE_PATTERN, type PublishedPage, SelfEnrollmentService, type SelfEnrollmentInput, selfEnrollmentModule, StatusLinks, type StatusLinkTarget, type StatusOf, type Submission, termsDigest,
} from './selfEnrollment/index.js';

export { CustomerMailCatchUp, type CustomerMailer, type CustomerMailItem, type CustomerMailMessage, CustomerMailOutbox, type CustomerMailRepository, type CustomerMailStatus, customerMailModule, type ListedCustomerMail, maskedAddress } from './customerMail/index.js';
export { CustomerMailTask } from './selfEnrollment/index.js';
