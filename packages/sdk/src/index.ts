/**
 * @flexroll/sdk — the public contract for adapter authors: errors, both state machines, the adapter interface and
 * the services the platform hands adapters. A few exports serve the platform rather than adapters (their TSDoc says
 * so); they live here because both sides of the contract must agree on them.
 * @packageDocumentation
 */

// Errors
export { FlexrollError, type FieldIssue } from './errors/FlexrollError.js';
export { InputError, NotFoundError, ConflictError, AdapterError, UnavailableError, WebhookVerificationError } from './errors/errors.js';
export { IllegalTransitionError } from './errors/IllegalTransitionError.js';

// Participation: data
export { PARTICIPATION_STATES, PARTICIPATION_STATE_DEFINITIONS, type ParticipationState } from './participation/states.js';
export { SUSPENSION_REASON_DEFINITIONS, SUSPENSION_REASONS, type SuspensionReason, type SuspensionReasonDefinition } from './participation/suspensionReasons.js';
export { PARTICIPATION_TRIGGERS, type ParticipationTrigger } from './participation/triggers.js';
// ParticipationSnapshot and TriggerContext are the machine's inputs; the adapter views extend the snapshot.
export type { ParticipationSnapshot, TriggerContext, ParticipationHistoryEntry } from './participation/ParticipationSnapshot.js';
export { FAILABLE_STATES } from './participation/transitions.js';
export {
  LEAVING_STATES, PARTICIPATING_STATES, TERMINAL_STATES, isLeaving, isParticipating, statesBetween, statesOfKind, statesOfPhase,
} from './participation/stateGroups.js';

// Participation: machine. applyParticipationTrigger and findTriggerPath are the platform's (it alone moves a
// participation); adapters name triggers and find one with findTriggerToState or acceptedParticipationTriggers.
export { applyParticipationTrigger } from './participation/applyParticipationTrigger.js';
export { acceptedParticipationTriggers } from './participation/acceptedParticipationTriggers.js';
export { findTriggerToState } from './participation/findTriggerToState.js';
export { findTriggerPath } from './participation/findTriggerPath.js';
export { isControlActive } from './participation/isControlActive.js';
export { isTelemetryActive } from './participation/isTelemetryActive.js';
export { isTerminalState } from './participation/isTerminalState.js';
export { isParticipationState } from './participation/isParticipationState.js';
export { WAITING_ON, waitingOnOf, type WaitingOn, type WaitingOnFacts } from './participation/waitingOn.js';

// Participation: timeline and history — the platform's (the API renders timelines, the core appends history).
export { TIMELINE_STATUSES } from './participation/ParticipationTimelineEntry.js';
export { buildParticipationTimeline } from './participation/buildParticipationTimeline.js';
export { appendToHistory, PARTICIPATION_EPISODE_BOUND } from './participation/appendToHistory.js';
export { ENROLMENT_HAPPY_PATH, expectedPendingStates } from './participation/expectedPendingStates.js';

// Participation: the second vocabulary (seed 002)
export { PARTICIPATION_VOCABULARIES, V2_PARTICIPATION_STATES, V2_TO_PARTICIPATION_STATE, type ParticipationVocabulary } from './participation/vocabulary.js';
export { toVocabulary, fromVocabulary } from './participation/vocabularyTranslation.js';
export { renderTimelineInVocabulary } from './participation/vocabularyTimeline.js';
export { errorInVocabulary } from './participation/vocabularyErrors.js';

// Participation: a provider's submission (seed 002), reconciled rather than replayed — the platform's.
export type { PlannedStep, SubmissionEntry } from './participation/ParticipationSubmission.js';
export { planSubmission } from './participation/planSubmission.js';

// Enrollment status (seed 004). The two move checks are the platform's: an adapter answers the status, the core checks the move.
export { ENROLLMENT_STATUSES, type EnrollmentStatus } from './enrollment/statuses.js';
export { allowedEnrollmentStatusMoves } from './enrollment/allowedEnrollmentStatusMoves.js';
export { assertEnrollmentStatusMove } from './enrollment/assertEnrollmentStatusMove.js';

// Operator adapters. ADAPTER_MANIFEST_SCHEMA, isAdapter and ADAPTER_NEEDS are the loader's; findNativeStatusDrift and
// DEFAULT_POLLING the core's; both sides of the contract read them here, so they cannot disagree.
export { SDK_VERSION } from './adapter/sdkVersion.js';
export { CUSTOMER_DATA_FIELDS, grantedCustomerData, type CustomerAddress, type CustomerDataDeclaration, type CustomerDataField, type GrantedCustomerData } from './adapter/customerData.js';
export { ADAPTER_MANIFEST_SCHEMA, type AdapterManifest, type JsonSchema } from './adapter/AdapterManifest.js';
export { defineAdapter, isAdapter, type OperatorAdapter } from './adapter/OperatorAdapter.js';
export { Type, type OperatorEventOf, type Static } from './adapter/adapterConfig.js';
export { ADAPTER_NEEDS, type AdapterLogger, type AdapterNeed, type AdapterServices } from './adapter/AdapterServices.js';
export type { AdapterContext, EligibilityVerdict, EnrollmentView, ParticipationMove, ParticipationView, StatusMoveRequest } from './adapter/AdapterViews.js';
export type { OperatorEvent, OperatorEventEffect, TriggerStep } from './adapter/OperatorEventEffect.js';
export { isOperatorReference, type OperatorReference, type OperatorReferenceBook } from './adapter/OperatorReference.js';
export type { InboundOperatorEvent, InboundWebhookRequest, InboundWebhookResult } from './adapter/inboundWebhooks.js';
export { findNativeStatusDrift, type NativeStatus, type NativeStatusDrift } from './adapter/nativeStatuses.js';
export { DEFAULT_POLLING, type PollingSettings, type SyncResults } from './adapter/polling.js';
export { assertFreshTimestamp, hmacSha256, safeEqual } from './adapter/signatures.js';
export { statusForParticipationState, triggerForStatusMove } from './adapter/referenceMapping.js';

// Calling operators' APIs. Adapters get clients from context.http; TokenCache, adapterHttp and retryDelayMs are the
// platform's (and the test kit's), which make those clients and retry other work on the same schedule.
export { OperatorHttpClient } from './http/OperatorHttpClient.js';
export { OperatorCallError } from './http/OperatorCallError.js';
export { jwtExpiresAt, TokenCache, type AccessToken, type TokenCacheOptions } from './http/TokenCache.js';
export { MAX_REFRESH_MARGIN_MS, refreshMarginMs } from './http/refreshMargin.js';
export { adapterHttp, type AdapterHttpCall } from './http/AdapterHttp.js';
export { retryDelayMs } from './http/backoff.js';

// Reading what arrives unchecked (operators' answers, webhook bodies) as typed values, without casts.
export { matchesSchema, readAs } from './validation/readAs.js';
export { isOneOf } from './validation/isOneOf.js';
// Webhooks (for consumers)
export { verifyWebhook } from './webhooks/verifyWebhook.js';
export type { WebhookEnvelope } from './webhooks/WebhookEnvelope.js';
