/** The enrollments capability's façade: what other capabilities, and other packages through @flexroll/core, may use. */

export { ADDRESS_SCHEMA, ENROLLMENT_FIELDS, type EnrollmentFieldName, type EnrollmentFieldSpec } from './enrollmentFields.js';
export { csvKindOf, ENROLLMENT_FIELD_ENTRIES, IMPORT_COLUMN_FIELDS, MUTABLE_ENROLLMENT_FIELDS, REQUIRABLE_FIELDS } from './enrollmentFieldLists.js';
export { customerOf, participationViewOf, toEnrollmentView } from './views.js';
export { customerDataShared } from './customerDataShared.js';
export { STATUS_REASON_BY_TRIGGER } from './statusReasons.js';
export { fireParticipationTrigger, type InstanceRules, moveEnrollmentStatus, requireParticipation } from './decisions.js';
export { decideDataChange } from './decideDataChange.js';
export type { EnrollmentChange } from './EnrollmentChange.js';
export { EventAppendSignal, type TouchedEnrollment } from './EventAppendSignal.js';
export { type Author, type ChangeResult, EnrollmentLog, type StoredCopy } from './EnrollmentLog.js';
export { DeviceClaims } from './DeviceClaims.js';
export { type Eligibility, type Enrollment, type EnrollmentChanges, type EnrollmentData, IDENTIFICATION_TYPES, type IdentificationType } from './Enrollment.js';
export { type Actor, DEADLINE_EVENT_TYPES, type DeadlineAnnouncement, type DeadlineEventType, type EnrollmentEvent, type EnrollmentUpdateChanges, EVENT_TYPES, type EventBatch, type EventDataByType, type EventDraft, type EventType, type OperatorEventOutcome, type OperatorEventTrace } from './EnrollmentEvent.js';
export { type CreateEnrollmentInput, REQUIRED_FIELDS_BY_IDENTIFICATION } from './identification.js';
export { EMAIL_SCHEMA, ENROLLMENT_DATA_FIELDS, ENROLLMENT_INPUT_SCHEMA, ENROLLMENT_PATCH_FIELDS, ENROLLMENT_RESPONSE_FIELDS, METADATA_SCHEMA, PHONE_SCHEMA, SLUG_SCHEMA, TAG_SCHEMA } from './enrollmentInputSchema.js';
export { EventService } from './EventService.js';
export { isWorkspaceEventType, WORKSPACE_EVENT_TYPES, type WorkspaceEvent, workspaceEventKeyOf, type WorkspaceEventType } from './WorkspaceEvent.js';
export type { WorkspaceEventRepository } from './ports/WorkspaceEventRepository.js';
export { walkWorkspaceEvents, workspaceEventSecondOf } from './workspaceEventListing.js';
export { isEnrollmentEvent, type ListedEvent, listedEventKeyOf } from './mergeEventWindows.js';
export { publicEnrollment } from './publicEnrollment.js';
export { publicEventData } from './publicEventData.js';
export { ENROLLMENT_RESPONSE_SCHEMA } from './enrollmentResponseSchema.js';
export { eventKeyOf, type EventKey, eventListLeafOf, eventListSecondOf, eventWalkStart, isEventKey, walkEvents } from './eventListing.js';
export type { ConsentRecord, DispatchControl, OperatorClockMark, Participation, ParticipationFacts, SuspensionOwner } from './Participation.js';
export {
  ACTIONABLE_DEADLINE_STATUSES, DEADLINE_STATUSES, type Deadline, type DeadlineAnnouncements, type DeadlineSettings, type DeadlineStatus, type DeadlineTerms, DEFAULT_DEADLINE_LEAD_TIME,
  OPEN_DEADLINE_STATUSES, type ParticipationDeadlines, WAITING_ON, type WaitingOn,
} from './deadlines/Deadline.js';
export { announcedDeadline } from './deadlines/foldDeadlineAnnouncement.js';
export { publicDeadline, type PublicDeadline } from './deadlines/publicDeadline.js';
export { CLOCK_PAUSING_REASONS, deadlineId, type DeadlineInstance, deadlineTerms, type StepStart } from './deadlines/deadlineTerms.js';
export { closeDeadline, isProgress } from './deadlines/closeDeadline.js';
export { type DeadlineMove, deadlinesAfterFacts, deadlinesAfterMove, openingDeadlines } from './deadlines/deadlineFold.js';
export { addStateChange, type StateChangeData } from './addStateChange.js';
export { IdentityResolver } from './people/IdentityResolver.js';
export { PeopleService } from './people/PeopleService.js';
export type { Address, Customer, Lead } from './people/Person.js';
export type { CustomerRepository, LeadRepository } from './people/PersonRepository.js';
export type { EnrollmentEventRepository, EventFilter } from './ports/EnrollmentEventRepository.js';
export { DUE_KEY_FIELDS, type DueKeyField, type DueKeys, dueKeysOf, pollBucket, reviewBucket } from './DueKeys.js';
export { channelBucket, eventFeedBucketsOf, type EventFeedRepository, type FeedChannel, feedBucketsOf, feedChannelsOf, feedSecondOf, recordedSecondOf } from './ports/EventFeedRepository.js';
export { type FeedPositions, SettledFeed, type SettledFeedOptions } from './feed/SettledFeed.js';
export type { MovesFollower } from './feed/MovesFollower.js';
export { ProjectionRepair } from './ProjectionRepair.js';
export type { EnrollmentFilter, EnrollmentProjectionRepository, ProjectionSave } from './ports/EnrollmentProjectionRepository.js';
export { providerTime } from './providerTime.js';
export { ChangeRunner, type RuledDecision } from './ChangeRunner.js';
export { EnrollmentCreation, type NewEnrollment, type OpeningDecision } from './EnrollmentCreation.js';
export { author, EnrollmentService, type UpdateEnrollmentInput } from './EnrollmentService.js';
export { enrollmentsModule } from './enrollmentsModule.js';
export { countedTagsOf, deadlineOfTag, deadlineTag, type ListFacets, listFacetsOf, manufacturerTag, sameListFacets } from './lists/ListFacets.js';
export { LIST_PLACEMENT_VERSION } from './lists/listPlacementVersion.js';
export { comboKey, emptyListCounts, facetsOfCombo, foldListChange, LIST_BLOCK_SIZE, LIST_SPAN_BLOCKS, listBlockOf, listSpanOf, type ListBlockCounts, type ListChange, type ListCounts } from './lists/ListCounts.js';
export { countMatching, isCountedFilter, type ListedEnrollment, type ListRead, readListPage, type ReadList } from './lists/readListPage.js';
export { matchesEnrollmentFilter } from './lists/matchesEnrollmentFilter.js';
export { searchKeysOf, searchKeyString, searchLookupOf, searchWordsOf, type SearchKey } from './lists/searchKeys.js';
