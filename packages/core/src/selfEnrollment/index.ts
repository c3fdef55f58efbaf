/** The self-enrollment capability's façade (issue 22): what other packages may use through @flexroll/core. */

export { ASKABLE_FIELDS, type AskableField, askedOf, ENROLLMENT_PAGE_SCHEMA, type EnrollmentPage, type EnrollmentPageSettings, LOCALE_PATTERN } from './EnrollmentPage.js';
export { EnrollmentPageService, type PublishedPage } from './EnrollmentPageService.js';
export { type ConsentEvidence, SelfEnrollmentService, type SelfEnrollmentInput, type StatusOf, type Submission, termsDigest } from './SelfEnrollmentService.js';
export { FormSeal } from './FormSeal.js';
export { StatusLinks, type StatusLinkTarget } from './StatusLinks.js';
export { CustomerMailTask } from './CustomerMailTask.js';
export { selfEnrollmentModule } from './selfEnrollmentModule.js';
