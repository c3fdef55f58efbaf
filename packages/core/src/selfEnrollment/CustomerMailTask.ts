import { randomBytes } from 'node:crypto';
import { inject, injectable, LazyServiceIdentifier, optional } from 'inversify';
import { EnrollmentLog } from '../enrollments/index.js';
import { type BackgroundTask, drainTask, type Clock, type CoreSettings, type CoreLogger, OutboxAttempts, type OutboxWork, retriedWork, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { StatusLinks } from './StatusLinks.js';
import type { DeliveryAttemptRepository } from '../webhooks/index.js';
import { type CustomerMailer, type CustomerMailItem, type CustomerMailMessage, type CustomerMailRepository } from '../customerMail/index.js';

/** A mail that can never be sent (its enrollment, page or address is gone): it is dropped, not retried. */
class Undeliverable extends Error {}

/**
 * Sends the customer mail outbox with the adapter outbox's attempt loop ({@link OutboxAttempts}, ADR 0016): each
 * attempt claimed in the attempts port and held with a renewed lease, so two workers never send the same mail; a
 * failure waits the outbox's back-off (`retriedWork().customerMail`); after `attemptLimit` attempts the item is a
 * dead letter (listed and sent again by `CustomerMailOutbox`, logged without personal data). A mail a crash left
 * unowed is enqueued by `CustomerMailCatchUp`, on the adapter outbox's catch-up pass. It lives with the status
 * links, whose minting it needs (the customer mail capability holds only the outbox, so that the change runner can
 * owe mail without loading the pages' services). The address is read from the enrollment when the mail is sent, and
 * a link mail's status token is minted then (only its hash is stored, as for every status link), so the outbox
 * itself holds neither.
 */
@injectable()
export class CustomerMailTask implements BackgroundTask {
  readonly name = 'customer-mail';
  readonly #attempts: OutboxAttempts<CustomerMailItem>;

  constructor(
    @inject(STORE_TOKENS.customerMails) items: CustomerMailRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.deliveryAttempts) attempts: DeliveryAttemptRepository,
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(StatusLinks) private readonly links: StatusLinks,
    @inject(CORE_TOKENS.clock) clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.logger) logger: CoreLogger,
    @inject(CORE_TOKENS.customerMailer) @optional() private readonly mailer?: CustomerMailer,
  ) {
    this.#attempts = new OutboxAttempts(items, attempts, clock, logger, `wrk_${randomBytes(6).toString('hex')}`, {
      retried: () => retriedWork(this.settings).customerMail,
      failureMessage: 'customer mail attempt failed',
      perform: (item) => this.send(item),
      // The mail server's answer names no address (nodemailer's `response`/`code`); the message of an Undeliverable is ours.
      failureOf: (thrown) => ({ error: errorOf(thrown), final: thrown instanceof Undeliverable }),
      done: (item, attempts, at) => ({ ...item, status: 'sent', attempts, updatedAt: at, sentAt: at }),
    } satisfies OutboxWork<CustomerMailItem>);
  }

  get intervalMs(): number {
    return this.settings.outboxIntervalMs;
  }

  /** One pass: every item due now, the earliest of each enrollment; the number sent, dropped or given up. */
  async runOnce(): Promise<number> {
    if (this.mailer === undefined) return 0;
    return this.#attempts.runDue();
  }

  /** Runs passes until one finds nothing to do (tests: everything due is sent or scheduled). */
  drain(): Promise<number> {
    return drainTask(this);
  }

  private async send(item: CustomerMailItem): Promise<void> {
    const enrollment = await this.log.load(item.workspaceId, item.enrollmentId);
    if (enrollment?.email === undefined) throw new Undeliverable('the enrollment or its e-mail address no longer exists');
    const page = (await this.instances.get(item.workspaceId, item.programInstanceId))?.enrollmentPage;
    if (page === undefined) throw new Undeliverable('the program instance no longer has an enrollment page');
    const message: CustomerMailMessage = { to: enrollment.email, firstName: enrollment.firstName ?? '', locale: item.locale, kind: item.kind, page, ...(item.state === undefined ? {} : { state: item.state }) };
    if (item.kind === 'status_link') {
      // Minted now, not stored: the outbox never holds a link; only its hash is kept, like every status link's.
      const statusToken = await this.links.issue({ workspaceId: item.workspaceId, enrollmentId: item.enrollmentId });
      await this.mailer!.send({ ...message, statusToken });
    } else {
      await this.mailer!.send(message);
    }
  }
}

function errorOf(thrown: unknown): string {
  if (thrown instanceof Undeliverable) return thrown.message;
  const { code, responseCode } = thrown as { code?: string; responseCode?: number };
  return `the mail server did not take the mail${code === undefined ? '' : ` (${code}${responseCode === undefined ? '' : ` ${responseCode}`})`}`;
}
