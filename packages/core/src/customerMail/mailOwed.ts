import type { Enrollment, EnrollmentEvent } from '../enrollments/index.js';
import type { CustomerMailItem } from './ports/CustomerMailRepository.js';

/** What the enrollment page records of a self-enrolled customer (`metadata.selfEnrollment`): only such customers get mail. */
interface SelfEnrollmentRecord {
  readonly locale?: string;
}

/** The fields of a mail owed, before it is an outbox item (its status and attempts are the outbox's). */
export type OwedMail = Pick<CustomerMailItem, 'id' | 'workspaceId' | 'programInstanceId' | 'enrollmentId' | 'kind' | 'locale' | 'seq' | 'state'>;

/** The source of what the enrollment page itself writes (the submission, and the moves it makes). */
const PAGE_SOURCE = 'enrollment_page';

/** The status link mail's id: one per enrollment, so a replayed or recovering submission owes no second. */
export const statusLinkMailId = (enrollmentId: string): string => `mail_link_${enrollmentId}`;

/** A state mail's id: derived from the move it reports, so enqueuing it twice (a catch-up, a retry) is one item. */
export const stateMailId = (eventId: string): string => `mail_${eventId.replace(/^evt_/, '')}`;

/**
 * The one rule of what a customer is e-mailed (issue 22), used by the enqueue after a change and by the catch-up
 * that finds what a crash left unowed: only a self-enrolled customer's enrollment (`metadata.selfEnrollment`) owes
 * mail; its creation by the enrollment page owes the status link; each participation move owes word of the state,
 * except the moves the page itself makes (the customer's own, which the link mail tells of).
 */
export function mailOwed(event: EnrollmentEvent, enrollment: Pick<Enrollment, 'metadata' | 'programInstanceId'>): OwedMail | undefined {
  const selfEnrollment = enrollment.metadata?.selfEnrollment as SelfEnrollmentRecord | undefined;
  if (selfEnrollment === undefined) return undefined;
  const locale = selfEnrollment.locale ?? 'en';
  const { workspaceId, enrollmentId } = event;
  const programInstanceId = enrollment.programInstanceId;
  if (event.type === 'enrollment.created' && event.source === PAGE_SOURCE) {
    return { id: statusLinkMailId(enrollmentId), workspaceId, programInstanceId, enrollmentId, kind: 'status_link', locale, seq: 0 };
  }
  if (event.type !== 'participation.state_changed' || event.source === PAGE_SOURCE) return undefined;
  return { id: stateMailId(event.id), workspaceId, programInstanceId, enrollmentId, kind: 'state_changed', state: event.data.to.state, locale, seq: event.seq };
}
