import { inject, injectable, optional } from 'inversify';
import type { ChangeResult } from '../enrollments/index.js';
import { type Clock, type CoreSettings, type CoreLogger, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { CustomerMailer } from './CustomerMailer.js';
import type { CustomerMailItem, CustomerMailRepository, CustomerMailStatus } from './ports/CustomerMailRepository.js';

/** What the enrollment page records of a self-enrolled customer (`metadata.selfEnrollment`): only such customers get mail. */
interface SelfEnrollmentRecord {
  readonly locale?: string;
}

/**
 * The customer mail outbox's front: what a submission or a participation move owes the customer by e-mail (one
 * item each, enqueued right after the change is appended, as the adapter outbox's are), and its dead letters.
 * Sending is {@link CustomerMailTask}'s. With no mailer bound (no SMTP), nothing is owed.
 */
@injectable()
export class CustomerMailOutbox {
  constructor(
    @inject(STORE_TOKENS.customerMails) private readonly items: CustomerMailRepository,
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
    await this.items.enqueue(this.newItem({ id: `mail_link_${enrollmentId}`, workspaceId, programInstanceId, enrollmentId, kind: 'status_link', locale, seq: 0 }));
  }

  /**
   * One mail per participation move of a self-enrolled customer's enrollment (not those the form itself made). A failed enqueue is logged, not thrown:
   * the change is written, and a missed word of a state is seen on the status page.
   */
  async enqueueMoves(result: ChangeResult): Promise<void> {
    if (!this.enabled) return;
    const selfEnrollment = result.enrollment.metadata?.selfEnrollment as SelfEnrollmentRecord | undefined;
    if (selfEnrollment === undefined) return;
    for (const event of result.events) {
      // The moves the form itself makes are the customer's own, and the link mail tells of them.
      if (event.type !== 'participation.state_changed' || event.source === 'enrollment_page') continue;
      try {
        await this.items.enqueue(this.newItem({
          id: `mail_${event.id.replace(/^evt_/, '')}`, workspaceId: event.workspaceId, programInstanceId: result.enrollment.programInstanceId,
          enrollmentId: event.enrollmentId, kind: 'state_changed', state: event.data.to.state, locale: selfEnrollment.locale ?? 'en', seq: event.seq,
        }));
      } catch (error) {
        this.logger.error('customer mail enqueue failed', { workspaceId: event.workspaceId, enrollmentId: event.enrollmentId, seq: event.seq, error: (error as Error).message });
      }
    }
  }

  /** One workspace's mails with a status (`dead`: the dead letters), oldest first. */
  list(workspaceId: string, status: CustomerMailStatus, limit = 100): Promise<readonly CustomerMailItem[]> {
    return this.items.listByStatus(workspaceId, status, limit);
  }

  private newItem(fields: Pick<CustomerMailItem, 'id' | 'workspaceId' | 'programInstanceId' | 'enrollmentId' | 'kind' | 'locale' | 'seq'> & { state?: string }): CustomerMailItem {
    const now = this.clock.now().toISOString();
    return { ...fields, status: 'pending', attempts: 0, attemptLimit: this.settings.outboxMaxAttempts, nextAttemptAt: now, createdAt: now, updatedAt: now };
  }
}
