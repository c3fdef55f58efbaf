import type { CustomerMailer, CustomerMailMessage } from '@flexroll/core';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { translator } from '../customerPages/Locales.js';

/** Where the mailer sends from and what its links lead to. */
export interface SmtpMailerOptions {
  /** `smtp://` or `smtps://`, with optional `user:password@` (never logged: the URL is only handed to nodemailer). */
  readonly smtpUrl: string;
  readonly from: string;
  /** Where browsers reach the platform: the status link's origin. */
  readonly publicUrl: string;
}

/**
 * The customer mail port on SMTP, through nodemailer: each mail worded from the customer pages' catalogues in the
 * customer's locale (the page's overrides first), as plain text. Timeouts are bounded so that an attempt ends well
 * within its lease (`retriedWork().customerMail`, 65 s).
 */
export class SmtpCustomerMailer implements CustomerMailer {
  readonly #transport: Transporter;
  readonly #from: string;
  readonly #origin: string;

  constructor(options: SmtpMailerOptions) {
    this.#transport = createTransport({ url: options.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000, logger: false, debug: false } as SMTPTransport.Options);
    this.#from = options.from;
    this.#origin = options.publicUrl.replace(/\/+$/, '');
  }

  async send(message: CustomerMailMessage): Promise<void> {
    const { subject, text } = composeCustomerMail(message, this.#origin);
    await this.#transport.sendMail({ from: this.#from, to: message.to, subject, text, headers: { 'Content-Language': message.locale } });
  }

  close(): void {
    this.#transport.close();
  }
}

/** A mail's subject and text in the customer's locale. */
export function composeCustomerMail(message: CustomerMailMessage, origin: string): { subject: string; text: string } {
  const t = translator(message.locale, message.page);
  const programme = message.page.name;
  if (message.kind === 'status_link') {
    const url = `${origin}/status/${message.statusToken ?? ''}?lang=${encodeURIComponent(message.locale)}`;
    return { subject: t.t('mail.link.subject', { programme }), text: t.t('mail.link.body', { programme, firstName: message.firstName, url }) };
  }
  const state = t.t(`state.${message.state}` as Parameters<typeof t.t>[0]);
  return { subject: t.t('mail.state.subject', { programme }), text: t.t('mail.state.body', { programme, firstName: message.firstName, message: state }) };
}
