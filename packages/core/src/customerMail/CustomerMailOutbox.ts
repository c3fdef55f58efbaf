import { inject, injectable, optional } from 'inversify';
import { NotFoundError } from '@flexroll/sdk';
import type { ChangeResult, Enrollment, EnrollmentEvent, EnrollmentProjectionRepository } from '../enrollments/index.js';
import { type CallContext, type Clock, type CoreSettings, type CoreLogger, inInstanceScope, type Page, type PageRequest, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import type { CustomerMailer } from './CustomerMailer.js';
import { maskedAddress } from './maskedAddress.js';
import { mailOwed, type OwedMail, statusLinkMailId } from './mailOwed.js';
import type { CustomerMailItem, CustomerMailRepository, CustomerMailStatus } from './ports/CustomerMailRepository.js';

/** A listed mail, with its recipient masked (`s***@example.nl`) when the enrollment still has an address. */
export type ListedCustomerMail = CustomerMailItem & { readonly recipient?: string };

/**
 * The customer mail outbox's front: what a submission or a participation move owes the customer by e-mail (one
 * item each, enqueued right after the change is appended, as the adapter outbox's are; {@link CustomerMailCatchUp}
 * enqueues what a crash in between left unowed), and its dead letters, listed and sent again per instance. Sending is
 * `CustomerMailTask`'s. With no mailer bound (no SMTP), nothing is owed.
 */
@injectable()
export class CustomerMailOutbox {
  constructor(
    @inject(STORE_TOKENS.customerMails) private readonly items: CustomerMailRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly enrollments: EnrollmentProjectionRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.customerMailer) @optional() private readonly mailer?: CustomerMailer,
  ) {}

  /** Whether the platform e-mails customers (`FLEXROLL_SMTP_URL` set). */
  get enabled(): boolean {
    return this.mailer !== undefined;
  }

  /** The status link mail of a submission: one per enrollment (a replayed or recovering submission owes no second). */
  async enqueueStatusLink(workspaceId: string, programInstanceId: string, enrollmentId: string, locale: string): Promise<void> {
    if (!this.enabled) return;
    await this.items.enqueue(this.newItem({ id: statusLinkMailId(enrollmentId), workspaceId, programInstanceId, enrollmentId, kind: 'status_link', locale, seq: 0 }));
  }

  /**
   * What a change owes the customer ({@link mailOwed}: one mail per participation move of a self-enrolled customer's
   * enrollment, not those the form itself made). A failed enqueue is logged, not thrown: the change is written, and
   * the catch-up finds the move in the feed and enqueues it.
   */
  async enqueueMoves(result: ChangeResult): Promise<void> {
    if (!this.enabled) return;
    for (const event of result.events) {
      try {
        await this.enqueueOwed(event, result.enrollment);
      } catch (error) {
        this.logger.error('customer mail enqueue failed; the catch-up will retry', { workspaceId: event.workspaceId, enrollmentId: event.enrollmentId, seq: event.seq, error: (error as Error).message });
      }
    }
  }

  /** Enqueues the mail an event owes, if any; whether this call inserted it (a duplicate is already owed). Throws on a failed write. */
  async enqueueOwed(event: EnrollmentEvent, enrollment: Pick<Enrollment, 'metadata' | 'programInstanceId'>): Promise<boolean> {
    const owed = mailOwed(event, enrollment);
    return owed !== undefined && (await this.items.enqueue(this.newItem(owed))) === 'inserted';
  }

  /**
   * One instance's mails with a status (`dead`: the dead letters), oldest first, each with its recipient masked; an
   * instance outside the caller's scope (ADR 0025) or unknown is a 404. One projection read per listed mail.
   */
  async list(context: CallContext, programInstanceId: string, status: CustomerMailStatus, page: PageRequest): Promise<Page<ListedCustomerMail>> {
    await this.requireInstance(context, programInstanceId);
    const listed = await this.items.listByInstance(context.workspaceId, programInstanceId, status, page);
    return { ...listed, data: await Promise.all(listed.data.map((item) => this.withRecipient(item))) };
  }

  /** Sends a dead letter again: pending now, with a fresh allowance of attempts (numbered on from the last one). */
  async retry(context: CallContext, programInstanceId: string, mailId: string): Promise<ListedCustomerMail> {
    await this.requireInstance(context, programInstanceId);
    const item = await this.items.get(context.workspaceId, mailId);
    if (item === undefined || item.programInstanceId !== programInstanceId) throw new NotFoundError('customer_mail', mailId);
    if (item.status !== 'dead') return this.withRecipient(item);
    const now = this.clock.now().toISOString();
    const revived: CustomerMailItem = { ...item, status: 'pending', attemptLimit: item.attempts + this.settings.outboxMaxAttempts, nextAttemptAt: now, updatedAt: now };
    await this.items.replace(revived);
    return this.withRecipient(revived);
  }

  private async withRecipient(item: CustomerMailItem): Promise<ListedCustomerMail> {
    const email = (await this.enrollments.get(item.workspaceId, item.enrollmentId))?.email;
    return email === undefined ? item : { ...item, recipient: maskedAddress(email) };
  }

  private async requireInstance(context: CallContext, programInstanceId: string): Promise<void> {
    if (!inInstanceScope(context, programInstanceId) || (await this.instances.get(context.workspaceId, programInstanceId)) === undefined) throw new NotFoundError('program_instance', programInstanceId);
  }

  private newItem(owed: OwedMail): CustomerMailItem {
    const now = this.clock.now().toISOString();
    return { ...owed, status: 'pending', attempts: 0, attemptLimit: this.settings.outboxMaxAttempts, nextAttemptAt: now, createdAt: now, updatedAt: now };
  }
}
