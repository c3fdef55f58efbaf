import type { EnrollmentPage } from '../selfEnrollment/index.js';

/** One mail to a customer, before it is worded: the API's catalogues word it in `locale`, the page's overrides first. */
export interface CustomerMailMessage {
  readonly to: string;
  /** The customer's first name, for the greeting. */
  readonly firstName: string;
  readonly locale: string;
  readonly kind: 'status_link' | 'state_changed';
  readonly state?: string;
  /** The status page's token (kind `status_link`), minted for this mail. */
  readonly statusToken?: string;
  readonly page: EnrollmentPage;
}

/**
 * The port through which the platform e-mails customers: bound by the API when `FLEXROLL_SMTP_URL` is set (nodemailer),
 * left unbound otherwise — then no mail is owed, and `enrollment.submitted` says the link was not e-mailed.
 */
export interface CustomerMailer {
  send(message: CustomerMailMessage): Promise<void>;
}
