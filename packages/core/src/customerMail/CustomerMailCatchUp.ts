import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { EnrollmentLog, type EnrollmentEvent, type MovesFollower } from '../enrollments/index.js';
import { STORE_TOKENS } from '../platform/index.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { CustomerMailOutbox } from './CustomerMailOutbox.js';
import { stateMailId } from './mailOwed.js';
import type { CustomerMailRepository } from './ports/CustomerMailRepository.js';

/** The page's own source: its creations owe the link mail, its moves owe none (see `mailOwed`). */
const PAGE_SOURCE = 'enrollment_page';

/**
 * The customer mail outbox's safety net: a process that died between a change's append and its mail's enqueue left
 * a mail owed but not enqueued. It follows the adapter outbox's catch-up ({@link MovesFollower}): that pass reads the
 * feed's `moves` channel (participation moves and non-imported creations, each once, ADR 0018) every
 * `outboxCatchUpEveryMs` from its cursor, and hands each event here too, so this adds no lookup of the feed. Each
 * mail `mailOwed` says is owed and is missing is enqueued; the enqueue is a unique insert of an id derived from the
 * event, so it is owed exactly once however many processes catch up.
 *
 * Its own cost follows what may be owed, not the workspace's size: a creation is decided from its event (which
 * carries the enrollment's metadata), one insert for a page's creation, none for any other; a move costs nothing when
 * the page made it, one instance read a pass when its instance has no enrollment page (no mail can go out without
 * one), and else one item lookup, and one enrollment load only when the item is missing. Without SMTP nothing is
 * owed, and it reads nothing; the shared cursor keeps moving, so switching SMTP on later mails no old move.
 */
@injectable()
export class CustomerMailCatchUp implements MovesFollower {
  constructor(
    @inject(STORE_TOKENS.customerMails) private readonly items: CustomerMailRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(CustomerMailOutbox) private readonly outbox: CustomerMailOutbox,
  ) {}

  pass(): (event: EnrollmentEvent) => Promise<boolean> {
    if (!this.outbox.enabled) return () => Promise.resolve(false);
    const pages = new Map<string, Promise<boolean>>();
    return (event) => this.catchUp(event, pages);
  }

  /** Enqueues the mail an event owes when it is missing; whether it did. */
  private async catchUp(event: EnrollmentEvent, pages: Map<string, Promise<boolean>>): Promise<boolean> {
    if (event.type === 'enrollment.created') return event.source === PAGE_SOURCE && this.outbox.enqueueOwed(event, event.data.enrollment);
    if (event.type !== 'participation.state_changed' || event.source === PAGE_SOURCE) return false;
    if (event.programInstanceId !== undefined && !(await this.hasPage(event.workspaceId, event.programInstanceId, pages))) return false;
    if ((await this.items.get(event.workspaceId, stateMailId(event.id))) !== undefined) return false;
    const enrollment = await this.log.load(event.workspaceId, event.enrollmentId);
    return enrollment !== undefined && this.outbox.enqueueOwed(event, enrollment);
  }

  /** Whether the instance has an enrollment page (read once a pass): without one no mail of it can be sent. */
  private hasPage(workspaceId: string, programInstanceId: string, pages: Map<string, Promise<boolean>>): Promise<boolean> {
    const key = `${workspaceId}/${programInstanceId}`;
    if (!pages.has(key)) pages.set(key, this.instances.get(workspaceId, programInstanceId).then((instance) => instance?.enrollmentPage !== undefined));
    return pages.get(key)!;
  }
}
