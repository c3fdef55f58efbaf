import { randomBytes } from 'node:crypto';
import { inject, injectable, LazyServiceIdentifier, optional } from 'inversify';
import { EnrollmentLog } from '../enrollments/index.js';
import { type BackgroundTask, drainTask, type Clock, type CoreSettings, claimNextAttempt, finishAttempt, Lease, type CoreLogger, waitAfter, retriedWork, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { StatusLinks } from './StatusLinks.js';
import type { DeliveryAttempt, DeliveryAttemptRepository } from '../webhooks/index.js';
import type { CustomerMailer, CustomerMailItem, CustomerMailMessage, CustomerMailRepository } from '../customerMail/index.js';

const BATCH = 100;
const ABANDONED = 'the worker making this attempt stopped before it finished (its lease expired)';

/** A mail that can never be sent (its enrollment, page or address is gone): it is dropped, not retried. */
class Undeliverable extends Error {}

/**
 * Sends the customer mail outbox with the adapter outbox's machinery (ADR 0016): each attempt claimed in the
 * attempts port (`claimNextAttempt`, a unique insert of `(item, attempt)`) and held with a renewed {@link Lease}, so
 * two workers never send the same mail; a failure waits the outbox's back-off (`retriedWork().customerMail`); after
 * `attemptLimit` attempts the item is a dead letter (listed by {@link CustomerMailOutbox.list}, logged without personal
 * data). It lives with the status links, whose minting it needs (the customer mail capability holds only the outbox,
 * so that the change runner can owe mail without loading the pages' services). The address is read from the enrollment when the mail is sent, and a link mail's status token is minted
 * then (only its hash is stored, as for every status link), so the outbox itself holds neither.
 */
@injectable()
export class CustomerMailTask implements BackgroundTask {
  readonly name = 'customer-mail';
  readonly #workerId = `wrk_${randomBytes(6).toString('hex')}`;

  constructor(
    @inject(STORE_TOKENS.customerMails) private readonly items: CustomerMailRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.deliveryAttempts) private readonly attempts: DeliveryAttemptRepository,
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(StatusLinks) private readonly links: StatusLinks,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
    @inject(CORE_TOKENS.customerMailer) @optional() private readonly mailer?: CustomerMailer,
  ) {}

  get intervalMs(): number {
    return this.settings.outboxIntervalMs;
  }

  /** One pass: every item due now, the earliest of each enrollment; the number sent, dropped or given up. */
  async runOnce(): Promise<number> {
    if (this.mailer === undefined) return 0;
    const now = this.clock.now().toISOString();
    const pending = await this.items.listPending(BATCH);
    let done = 0;
    for (const item of firstOfEachEnrollment(pending)) {
      if (item.nextAttemptAt <= now && (await this.attempt(item))) done++;
    }
    return done;
  }

  /** Runs passes until one finds nothing to do (tests: everything due is sent or scheduled). */
  drain(): Promise<number> {
    return drainTask(this);
  }

  private async attempt(item: CustomerMailItem): Promise<boolean> {
    const { leaseMs } = retriedWork(this.settings).customerMail;
    const claim = await claimNextAttempt(this.attempts, { workspaceId: item.workspaceId, subjectId: item.id, knownAttempts: item.attempts, claimedBy: this.#workerId, now: this.clock.now(), leaseMs });
    if (claim.kind === 'busy') return false;
    if (claim.kind === 'stale') return this.repair(item, claim.last);
    if (claim.abandoned !== undefined) {
      if (await this.settle(item, claim.abandoned.attempt, ABANDONED)) {
        await finishAttempt(this.attempts, claim.attempt, { outcome: 'abandoned', finishedAt: this.clock.now().toISOString(), error: ABANDONED });
        return true;
      }
      item = { ...item, attempts: claim.abandoned.attempt, lastError: ABANDONED };
    }
    const lease = new Lease(this.attempts, claim.attempt, leaseMs, this.clock);
    let error: string | undefined;
    let dropped = false;
    try {
      await lease.whileHeld(() => this.send(item));
    } catch (thrown) {
      dropped = thrown instanceof Undeliverable;
      // The mail server's answer names no address (nodemailer's `response`/`code`); the message of an Undeliverable is ours.
      error = errorOf(thrown);
    }
    const at = this.clock.now().toISOString();
    await finishAttempt(this.attempts, lease.attempt, { outcome: error === undefined ? 'succeeded' : 'failed', finishedAt: at, ...(error === undefined ? {} : { error }) });
    if (dropped) {
      await this.items.replace({ ...item, status: 'dead', attempts: claim.attempt.attempt, lastError: error, updatedAt: at });
      return true;
    }
    if (error !== undefined) return this.settle(item, claim.attempt.attempt, error);
    await this.items.replace({ ...item, status: 'sent', attempts: claim.attempt.attempt, updatedAt: at, sentAt: at });
    return true;
  }

  private async repair(item: CustomerMailItem, last: DeliveryAttempt): Promise<boolean> {
    if (last.outcome !== 'succeeded') return this.settle(item, last.attempt, last.error ?? ABANDONED);
    const at = last.finishedAt ?? this.clock.now().toISOString();
    await this.items.replace({ ...item, status: 'sent', attempts: last.attempt, updatedAt: at, sentAt: at });
    return true;
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

  /** A failed attempt: retried after the outbox's back-off, or a dead letter. */
  private async settle(item: CustomerMailItem, attempt: number, error: string): Promise<boolean> {
    const now = this.clock.now();
    const dead = attempt >= item.attemptLimit;
    const waitMs = waitAfter(retriedWork(this.settings).customerMail.backoff, attempt)!;
    const nextAttemptAt = new Date(now.getTime() + waitMs).toISOString();
    await this.items.replace({ ...item, status: dead ? 'dead' : 'pending', attempts: attempt, lastError: error, nextAttemptAt, updatedAt: now.toISOString() });
    this.logger.warn('customer mail attempt failed', { workspaceId: item.workspaceId, enrollmentId: item.enrollmentId, itemId: item.id, attempt, dead, error });
    return dead;
  }
}

function errorOf(thrown: unknown): string {
  if (thrown instanceof Undeliverable) return thrown.message;
  const { code, responseCode } = thrown as { code?: string; responseCode?: number };
  return `the mail server did not take the mail${code === undefined ? '' : ` (${code}${responseCode === undefined ? '' : ` ${responseCode}`})`}`;
}

function firstOfEachEnrollment(pending: readonly CustomerMailItem[]): CustomerMailItem[] {
  const first = new Map<string, CustomerMailItem>();
  for (const item of pending) {
    const key = `${item.workspaceId}/${item.enrollmentId}`;
    const held = first.get(key);
    if (held === undefined || item.seq < held.seq) first.set(key, item);
  }
  return [...first.values()];
}
