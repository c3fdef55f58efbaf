/** The enrollments capability's façade: what other capabilities, and other packages through @flexroll/core, may use. */

export { ADDRESS_SCHEMA, ENROLLMENT_FIELDS, type EnrollmentFieldName, type EnrollmentFieldSpec } from './enrollmentFields.js';
export { csvKindOf, ENROLLMENT_FIELD_ENTRIES, IMPORT_COLUMN_FIELDS, MUTABLE_ENROLLMENT_FIELDS, REQUIRABLE_FIELDS } from './enrollmentFieldLists.js';
export { participationViewOf, toEnrollmentView } from './views.js';
export { STATUS_REASON_BY_TRIGGER } from './statusReasons.js';
export { fireParticipationTrigger, type InstanceRules, moveEnrollmentStatus, requireParticipation } from './decisions.js';
export { decideDataChange } from './decideDataChange.js';
export type { EnrollmentChange } from './EnrollmentChange.js';
export { EventAppendSignal, type TouchedEnrollment } from './EventAppendSignal.js';
export { type Author, type ChangeResult, EnrollmentLog } from './EnrollmentLog.js';
export { DeviceClaims } from './DeviceClaims.js';
export { type Eligibility, type Enrollment, type EnrollmentChanges, type EnrollmentData, IDENTIFICATION_TYPES, type IdentificationType } from './Enrollment.js';
export { type Actor, type EnrollmentEvent, type EnrollmentUpdateChanges, EVENT_TYPES, type EventBatch, type EventDataByType, type EventDraft, type EventType, type OperatorEventOutcome, type OperatorEventTrace } from './EnrollmentEvent.js';
export { type CreateEnrollmentInput, REQUIRED_FIELDS_BY_IDENTIFICATION } from './identification.js';
export { EMAIL_SCHEMA, ENROLLMENT_DATA_FIELDS, ENROLLMENT_INPUT_SCHEMA, ENROLLMENT_PATCH_FIELDS, ENROLLMENT_RESPONSE_FIELDS, METADATA_SCHEMA, PHONE_SCHEMA, SLUG_SCHEMA, TAG_SCHEMA } from './enrollmentInputSchema.js';
export { EventService } from './EventService.js';
export type { ConsentRecord, DispatchControl, OperatorClockMark, Participation, ParticipationFacts } from './Participation.js';
export { IdentityResolver } from './people/IdentityResolver.js';
export { PeopleService } from './people/PeopleService.js';
export type { Address, Customer, Lead } from './people/Person.js';
export type { CustomerRepository, LeadRepository } from './people/PersonRepository.js';
export type { EnrollmentEventRepository, EventFilter } from './ports/EnrollmentEventRepository.js';
export type { EnrollmentFilter, EnrollmentProjectionRepository } from './ports/EnrollmentProjectionRepository.js';
export { providerTime } from './providerTime.js';
export { ChangeRunner, type RuledDecision } from './ChangeRunner.js';
export { EnrollmentCreation, type NewEnrollment } from './EnrollmentCreation.js';
export { author, EnrollmentService, type UpdateEnrollmentInput } from './EnrollmentService.js';
export { enrollmentsModule } from './enrollmentsModule.js';
