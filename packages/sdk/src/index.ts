/**
 * @flexroll/sdk — the public contract for adapter authors: errors, both state machines, their diagrams.
 * @packageDocumentation
 */

// Errors
export { FlexrollError, type ErrorKind, type FieldIssue, type FlexrollErrorOptions } from './errors/FlexrollError.js';
export { InputError, NotFoundError, ConflictError, UpstreamError, AdapterError, UnavailableError, WebhookVerificationError, type WebhookVerificationCode } from './errors/errors.js';
export { IllegalTransitionError, type StateMachineName, type StateNamer, type TransitionDetail } from './errors/IllegalTransitionError.js';

// Participation: data
export {
  PARTICIPATION_STATES, PARTICIPATION_STATE_DEFINITIONS,
  type ParticipationState, type ParticipationPhase, type StateKind, type ParticipationStateDefinition,
} from './participation/states.js';
export { SUSPENSION_REASONS, SUSPENSION_REASON_DEFINITIONS, type SuspensionReason, type SuspensionReasonDefinition } from './participation/suspensionReasons.js';
export { PARTICIPATION_TRIGGERS, type ParticipationTrigger } from './participation/triggers.js';
export type { ParticipationSnapshot, TriggerContext, ParticipationHistoryEntry } from './participation/ParticipationSnapshot.js';
export { PARTICIPATION_TRANSITIONS, FAILABLE_STATES, type ParticipationTransition, type TransitionGuard } from './participation/transitions.js';

// Participation: machine
export { applyParticipationTrigger } from './participation/applyParticipationTrigger.js';
export { acceptedParticipationTriggers } from './participation/acceptedParticipationTriggers.js';
export { findTriggerToState } from './participation/findTriggerToState.js';
export { findTriggerPath } from './participation/findTriggerPath.js';
export { isControlActive } from './participation/isControlActive.js';
export { isTelemetryActive, DEFAULT_TELEMETRY_STALENESS_MS } from './participation/isTelemetryActive.js';
export { isTerminalState } from './participation/isTerminalState.js';

// Participation: timeline
export {
  TIMELINE_STATUSES, type TimelineStatus, type ParticipationTimelineEntry, type TimelineOptions,
} from './participation/ParticipationTimelineEntry.js';
export { buildParticipationTimeline } from './participation/buildParticipationTimeline.js';
export { appendToHistory, PARTICIPATION_EPISODE_BOUND } from './participation/appendToHistory.js';
export { ENROLMENT_HAPPY_PATH, UNENROLMENT_PATH } from './participation/expectedPendingStates.js';

// Participation: the second vocabulary (seed 002)
export {
  PARTICIPATION_VOCABULARIES, V2_PARTICIPATION_STATES, PARTICIPATION_STATE_TO_V2, V2_TO_PARTICIPATION_STATE,
  type ParticipationVocabulary, type V2ParticipationState,
} from './participation/vocabulary.js';
export { toVocabulary, fromVocabulary } from './participation/vocabularyTranslation.js';
export { renderTimelineInVocabulary, type VocabularyTimelineEntry } from './participation/vocabularyTimeline.js';
export { stateNamer, errorInVocabulary } from './participation/vocabularyErrors.js';

// Participation: a provider's submission (seed 002), reconciled rather than replayed
export type { PlannedStep, SubmissionContext, SubmissionEntry } from './participation/ParticipationSubmission.js';
export { planSubmission } from './participation/planSubmission.js';

// Enrollment status (seed 004)
export { ENROLLMENT_STATUSES, ENROLLMENT_STATUS_DEFINITIONS, type EnrollmentStatus, type EnrollmentStatusDefinition } from './enrollment/statuses.js';
export { ENROLLMENT_STATUS_MOVES, type EnrollmentStatusMove } from './enrollment/moves.js';
export type { EnrollmentMoveOptions } from './enrollment/enrollmentInput.js';
export { allowedEnrollmentStatusMoves } from './enrollment/allowedEnrollmentStatusMoves.js';
export { assertEnrollmentStatusMove } from './enrollment/assertEnrollmentStatusMove.js';
export { isTerminalEnrollmentStatus } from './enrollment/isTerminalEnrollmentStatus.js';

// Diagrams
export { participationStateDiagram } from './diagrams/participationStateDiagram.js';
export { enrollmentStatusDiagram } from './diagrams/enrollmentStatusDiagram.js';

// Operator adapters
export { SDK_VERSION } from './adapter/sdkVersion.js';
export { ADAPTER_MANIFEST_SCHEMA, type AdapterCapabilities, type AdapterManifest, type JsonSchema } from './adapter/AdapterManifest.js';
export { defineAdapter, isAdapter, type OperatorAdapter } from './adapter/OperatorAdapter.js';
export { Type, type AdapterConfig, type ConfigOf, type Static, type TSchema } from './adapter/adapterConfig.js';
export { ADAPTER_NEEDS, type AdapterLogger, type AdapterNeed, type AdapterServices } from './adapter/AdapterServices.js';
export type {
  AdapterCallContext, AdapterContext, EligibilityVerdict, EnrollmentView, ParticipationMove, ParticipationView, StatusMoveRequest,
} from './adapter/AdapterViews.js';
export type { OperatorEvent, OperatorEventEffect, OperatorFacts, TriggerStep } from './adapter/OperatorEventEffect.js';
export { isOperatorReference, OPERATOR_REFERENCE_KIND_PATTERN, type OperatorReference, type OperatorReferenceBook } from './adapter/OperatorReference.js';
export type { InboundOperatorEvent, InboundWebhookRequest, InboundWebhookResult } from './adapter/inboundWebhooks.js';
export {
  DEFAULT_DRIFT_AFTER_MINUTES, findNativeStatusDrift, nativeStatusAgrees,
  type NativeStatus, type NativeStatusDeclaration, type NativeStatusDrift,
} from './adapter/nativeStatuses.js';
export { DEFAULT_POLLING, type PollingSettings, type SyncResults } from './adapter/polling.js';
export { assertFreshTimestamp, hmacSha256, safeEqual } from './adapter/signatures.js';
export { statusForParticipationState, triggerForStatusMove } from './adapter/referenceMapping.js';

// Calling operators' APIs
export { OperatorHttpClient, type OperatorHttpClientOptions, type OperatorRequest, type OperatorResponse } from './http/OperatorHttpClient.js';
export { OperatorCallError, type OperatorCallFailure } from './http/OperatorCallError.js';
export { jwtExpiresAt, TokenCache, type AccessToken, type CredentialsProvider } from './http/TokenCache.js';
export { adapterHttp, type AdapterHttp, type AdapterHttpOptions } from './http/AdapterHttp.js';
export { retryAfterMs, retryDelayMs } from './http/backoff.js';
// Webhooks (for consumers)
export { verifyWebhook, type VerifyWebhookOptions } from './webhooks/verifyWebhook.js';
export type { WebhookEnvelope } from './webhooks/WebhookEnvelope.js';
