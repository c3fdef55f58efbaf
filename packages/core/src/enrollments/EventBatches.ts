import type { Clock, CoreLogger } from '../platform/index.js';
import type { EnrollmentEvent } from './EnrollmentEvent.js';
import type { FeedStamping } from './feed/FeedStamping.js';
import type { EventAppendSignal } from './EventAppendSignal.js';

/**
 * How long after its head was recorded a batch may still be being appended by another process. A writer inserts a
 * batch's followers right after its head (milliseconds), so a batch older than this with followers missing was left
 * by a writer that stopped: a real crash. A younger one may be another process's append in flight.
 */
const APPEND_GRACE_MS = 10_000;

/**
 * How a change's events go into the log: as a batch whose head is the concurrency guard (the unique
 * `(enrollmentId, seq)` insert: a head that lost writes nothing) and carries its followers, so that a reader meeting a
 * batch a crash cut short can complete it. Every insert goes through the feed's stamping (ADR 0018).
 */
export class EventBatches {
  /**
   * The batches this process is appending now, by batch id. A reader that meets one half written has met a writer at
   * work, not the remains of a crash: it completes the batch as for a crash (harmless, inserts are idempotent) but
   * reports no recovery (issue 18, defect 6).
   */
  readonly #appending = new Set<string>();

  constructor(
    private readonly stamping: FeedStamping,
    private readonly clock: Clock,
    private readonly logger: CoreLogger,
    private readonly appendSignal: EventAppendSignal,
  ) {}

  /** Appends one batch and signals it: false if another writer took the head's sequence number first. */
  async append(events: readonly EnrollmentEvent[]): Promise<boolean> {
    const [head, ...followers] = events;
    if (head === undefined) return false;
    this.#appending.add(head.batch.id);
    try {
      if (followers.length === 0) {
        if ((await this.stamping.insert(head)) === 'duplicate') return false;
      } else {
        // One round trip however long the batch: the head first (the guard: a head that lost writes nothing), then its
        // followers, in order. A follower can only be a duplicate of itself, inserted by a reader that completed this
        // batch first; the insert stops there, and any after it go in now. A crash part way leaves the head, which
        // carries the followers, for the next reader to complete.
        const inserted = await this.stamping.insertInOrder(events);
        if (inserted === 0) return false;
        if (inserted < events.length - 1) await this.stamping.insertMany(events.slice(inserted + 1));
      }
    } finally {
      this.#appending.delete(head.batch.id);
    }
    this.appendSignal.appended(head.workspaceId, head.enrollmentId);
    return true;
  }

  /**
   * Appends many enrollments' batches at once: every head in one insert, then the followers of the heads that won in
   * another. Whether each batch's head won; the caller signals the appends it keeps. A follower can only be a
   * duplicate of itself, inserted by a reader that completed its batch first.
   */
  async appendMany(batches: ReadonlyArray<readonly EnrollmentEvent[]>): Promise<boolean[]> {
    for (const events of batches) this.#appending.add(events[0]!.batch.id);
    try {
      const heads = await this.stamping.insertMany(batches.map((events) => events[0]!));
      const won = heads.map((head) => head === 'inserted');
      const followers = batches.flatMap((events, index) => (won[index] ? events.slice(1) : []));
      if (followers.length > 0) await this.stamping.insertMany(followers);
      return won;
    } finally {
      for (const events of batches) this.#appending.delete(events[0]!.batch.id);
    }
  }

  /** Inserts a batch's head alone (it has no followers): false if the sequence number was taken. */
  async appendHead(head: EnrollmentEvent): Promise<boolean> {
    return (await this.stamping.insert(head)) === 'inserted';
  }

  /** Inserts what a crash left out of the newest batch (its head carries the rest), so readers never see half a change. */
  async completeLast(newer: readonly EnrollmentEvent[]): Promise<readonly EnrollmentEvent[]> {
    const last = newer.at(-1);
    if (last === undefined || last.batch.index === last.batch.size - 1) return newer;
    const head = newer.find((event) => event.batch.id === last.batch.id && event.batch.index === 0);
    const missing = (head?.followers ?? []).filter((follower) => follower.seq > last.seq);
    this.reportCompletion(last, head, missing.length);
    for (const follower of missing) await this.stamping.insert(follower);
    if (missing.length > 0) this.appendSignal.appended(last.workspaceId, last.enrollmentId);
    return [...newer, ...missing];
  }

  /**
   * A warning only for a real recovery: not for a batch this process is appending right now, and not for one so young
   * that another process may still be appending it (that one is noted at info, in case it was a crash after all).
   */
  private reportCompletion(last: EnrollmentEvent, head: EnrollmentEvent | undefined, missing: number): void {
    if (this.#appending.has(last.batch.id)) return;
    const meta = { workspaceId: last.workspaceId, enrollmentId: last.enrollmentId, batchId: last.batch.id, missing };
    const written = head ?? last;
    if (this.clock.now().getTime() - Date.parse(written.recordedAt ?? written.occurredAt) < APPEND_GRACE_MS) this.logger.info('completing a change another writer may still be appending', meta);
    else this.logger.warn('completing a change a crash cut short', meta);
  }
}
