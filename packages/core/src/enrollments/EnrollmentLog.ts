import { isDeepStrictEqual } from 'node:util';
import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { ConflictError } from '@flexroll/sdk';
import { checkIfMatch, type Clock, type CoreSettings, type CoreLogger, CORE_TOKENS, inInstanceScope, STORE_TOKENS } from '../platform/index.js';
import type { Enrollment } from './Enrollment.js';
import type { EnrollmentEvent, EventDraft } from './EnrollmentEvent.js';
import type { EnrollmentEventRepository } from './ports/EnrollmentEventRepository.js';
import type { EnrollmentProjectionRepository } from './ports/EnrollmentProjectionRepository.js';
import type { EventFeedRepository } from './ports/EventFeedRepository.js';
import { FeedStamping } from './feed/FeedStamping.js';
import { EnrollmentCache } from './EnrollmentCache.js';
import { EnrollmentChange } from './EnrollmentChange.js';
import { backOff, contended } from './contention.js';
import { batchIdFor, placeEvents, type Author } from './placeEvents.js';
import { projectEnrollment } from './projectEnrollment.js';
import { EventAppendSignal } from './EventAppendSignal.js';
import { WriterQueue } from './WriterQueue.js';
import type { DueKeys } from './DueKeys.js';
import { DueMoments } from '../participation/index.js';
import { deadlineRecordsOf, deadlinesOf, type DeadlineRepository } from '../deadlines/index.js';

export type { Author } from './placeEvents.js';

/** How many saved projections' `seq`s are remembered, so that projection repair need not read them back (~10 MB). */
const SAVED_MEMO_SIZE = 100_000;

/**
 * How long after its head was recorded a batch may still be being appended by another process. A writer inserts a
 * batch's followers right after its head (milliseconds), so a batch older than this with followers missing was left
 * by a writer that stopped: a real crash. A younger one may be another process's append in flight.
 */
const APPEND_GRACE_MS = 10_000;

/** How many listed copies are checked against the log at once (one indexed lookup each). */
const LIST_PROBES_AT_ONCE = 10;

/** Decides a change on the current enrollment by adding the events it needs to it (none: nothing to do), or throws. */
export type Decision = (change: EnrollmentChange) => void | Promise<void>;

/**
 * A copy the caller read straight from the stored projections (a sweep's listed bucket): decided on first like any
 * loaded copy, and, being the stored one, handed to the projection save as what the change was decided on (so the
 * store may skip counting the list, see `ProjectionSave.decidedOn`).
 */
export interface StoredCopy {
  readonly stored: Enrollment;
}

export interface ChangeResult {
  readonly enrollment: Enrollment;
  readonly events: readonly EnrollmentEvent[];
}

/**
 * The enrollment's event log and its projection (DESIGN §3). A change is decided on the latest state and
 * appended as events with the next sequence numbers; the insert of the first one into the unique
 * `(enrollmentId, seq)` index is the only concurrency guard, because it is the one every store makes atomic.
 * The loser of a race decides again on the newer state. The projection is written after, and brought up to
 * date from newer events on every read, so a crash between the two writes loses nothing.
 *
 * Reads cost one indexed lookup when this process has the enrollment at hand: an enrollment it read or wrote is
 * kept (see {@link EnrollmentCache}) and used only once the log confirms that no event follows it.
 */
@injectable()
export class EnrollmentLog {
  readonly #cache: EnrollmentCache;
  readonly #writers = new WriterQueue();
  /** Every insert goes through it: the event feed's second, stamped at the insert (ADR 0018). */
  readonly #appender: FeedStamping;
  /**
   * `seq`s of the projections this process saved, by `workspace/enrollment`, for projection repair: lighter than the
   * enrollments at hand, so it holds a whole import's. Bounded: emptied when full (repair then reads those back).
   */
  readonly #saved = new Map<string, number>();
  /**
   * The batches this process is appending now, by batch id. A reader that meets one half written has met a writer at
   * work, not the remains of a crash: it completes the batch as for a crash (harmless, inserts are idempotent) but
   * reports no recovery (issue 18, defect 6).
   */
  readonly #appending = new Set<string>();

  constructor(
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
    @inject(STORE_TOKENS.eventFeed) feed: EventFeedRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
    @inject(EventAppendSignal) private readonly appendSignal: EventAppendSignal,
    @inject(new LazyServiceIdentifier(() => DueMoments)) private readonly due: DueMoments,
    @inject(STORE_TOKENS.deadlines) private readonly deadlines: DeadlineRepository,
  ) {
    this.#cache = new EnrollmentCache(settings.enrollmentCacheSize);
    this.#appender = new FeedStamping(events, feed, clock, settings.feedSettleMs, logger);
  }

  /** The enrollment with every event folded in, or undefined (also for another workspace's id). */
  async load(workspaceId: string, enrollmentId: string): Promise<Enrollment | undefined> {
    const cached = this.#cache.get(workspaceId, enrollmentId);
    if (cached !== undefined && !(await this.events.exists(workspaceId, enrollmentId, cached.seq + 1))) return cached;
    return this.catchUp(workspaceId, enrollmentId, await this.projections.get(workspaceId, enrollmentId));
  }

  /** The enrollment holding a participation, up to date, or undefined (also for another workspace's id). */
  async loadByParticipation(workspaceId: string, participationId: string): Promise<Enrollment | undefined> {
    const known = this.#cache.holderOf(workspaceId, participationId);
    if (known !== undefined) return this.load(workspaceId, known);
    const stored = await this.projections.findByParticipationId(workspaceId, participationId);
    return stored === undefined ? undefined : this.catchUp(workspaceId, stored.id, stored);
  }

  /** Brings the stored projection up to date with the log, whatever this process has at hand; true if it lagged. */
  async repair(workspaceId: string, enrollmentId: string): Promise<boolean> {
    const stored = await this.projections.get(workspaceId, enrollmentId);
    const current = await this.catchUp(workspaceId, enrollmentId, stored);
    return current !== undefined && current.seq !== stored?.seq;
  }

  /**
   * {@link repair} for projection repair's feed, which saw the enrollment's log reach `seq`: nothing to read when this
   * process saved the projection at that `seq` or later itself.
   */
  async repairBehind(workspaceId: string, enrollmentId: string, seq: number): Promise<boolean> {
    if ((this.#saved.get(`${workspaceId}/${enrollmentId}`) ?? 0) >= seq) return false;
    return this.repair(workspaceId, enrollmentId);
  }

  /**
   * Of listed copies (a list page, read from stored projections), the ids of those the log has moved past, each brought
   * up to date and saved. A process killed between a change's append and its projection save leaves its projection
   * behind until a read of that enrollment or projection repair; without this, a list would show it older than `GET`
   * does (issue 18). One probe per copy, {@link LIST_PROBES_AT_ONCE} at a time, so that a page does not take the
   * store's whole pool from other requests; a repair is the rare case.
   */
  async repairListed(workspaceId: string, listed: readonly Enrollment[]): Promise<string[]> {
    const repaired: string[] = [];
    for (let start = 0; start < listed.length; start += LIST_PROBES_AT_ONCE) {
      const probed = listed.slice(start, start + LIST_PROBES_AT_ONCE);
      const behind = await Promise.all(probed.map((enrollment) => this.events.exists(workspaceId, enrollment.id, enrollment.seq + 1)));
      for (const [index, stale] of probed.entries()) {
        if (!behind[index]) continue;
        await this.catchUp(workspaceId, stale.id, stale);
        repaired.push(stale.id);
      }
    }
    return repaired;
  }

  /** Starts a new enrollment's log; the first draft must be its `enrollment.created`. */
  async create(workspaceId: string, enrollmentId: string, author: Author, drafts: readonly EventDraft[]): Promise<ChangeResult> {
    const events = placeEvents(workspaceId, enrollmentId, 0, author, drafts, this.clock.now().toISOString());
    if (!(await this.append(events))) {
      throw new ConflictError('enrollment_exists', `Enrollment '${enrollmentId}' already exists.`);
    }
    const enrollment = projectEnrollment(undefined, events);
    if (enrollment === undefined) throw new Error(`The first events of ${enrollmentId} projected to nothing`);
    await this.saveProjection(enrollment);
    return { enrollment, events };
  }

  /**
   * Starts many enrollments' logs at once (a bulk import): every head in one insert, every follower in another, every
   * projection in a third. Each is the same guard as {@link create}: an enrollment whose first event is already
   * there comes back as `'duplicate'` and nothing of it is written.
   */
  async createMany(workspaceId: string, items: ReadonlyArray<{ readonly enrollmentId: string; readonly author: Author; readonly drafts: readonly EventDraft[] }>): Promise<Array<ChangeResult | 'duplicate'>> {
    const at = this.clock.now().toISOString();
    const placed = items.map((item) => placeEvents(workspaceId, item.enrollmentId, 0, item.author, item.drafts, at));
    const heads = await this.#appender.insertMany(placed.map((events) => events[0]!));
    const followers = placed.flatMap((events, index) => (heads[index] === 'inserted' ? events.slice(1) : []));
    const results = placed.map((events, index): ChangeResult | 'duplicate' => {
      if (heads[index] === 'duplicate') return 'duplicate';
      const enrollment = projectEnrollment(undefined, events);
      if (enrollment === undefined) throw new Error(`The first events of ${events[0]!.enrollmentId} projected to nothing`);
      return { enrollment, events };
    });
    const created = results.flatMap((result) => (result === 'duplicate' ? [] : [result.enrollment]));
    // The heads decided. Then the followers (a follower can only be a duplicate of itself, inserted by a reader that
    // completed its batch first), and only then the projections: a projection must never be ahead of the log.
    if (followers.length > 0) await this.#appender.insertMany(followers);
    await this.saveProjections(workspaceId, created);
    return results;
  }

  /**
   * Saves new projections in bulk; like {@link saveProjection}, a failure is logged, since the events are the truth.
   * They are not kept at hand: a bulk import would only push out the enrollments this process is really using.
   */
  private async saveProjections(workspaceId: string, enrollments: readonly Enrollment[]): Promise<void> {
    try {
      await this.deadlines.write(enrollments.flatMap(deadlineRecordsOf));
      await this.projections.saveMany(enrollments, await Promise.all(enrollments.map((enrollment) => this.dueKeysOf(enrollment))));
      for (const enrollment of enrollments) this.rememberSaved(enrollment);
    } catch (error) {
      this.logger.warn('projection writes failed; the next reads repair them', { workspaceId, count: enrollments.length, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /**
   * Appends changes decided on copies read straight from the stored projections (a sweep's due buckets), many at once:
   * every head in one insert, the followers in another, then each enrollment's queue records and its projection (ADR
   * 0023's order: records before projection), then the append signal. Each keeps {@link change}'s guard: a copy the
   * log has moved past (another process's append, or a crash's leftovers) loses its head's `(enrollmentId, seq)`
   * insert and nothing of it is written. `decide` is taken once, synchronously, on the copy, so it must call nothing
   * out (no adapter); false: this copy is not for this path. An entry is undefined when the copy was not appended here
   * (lost its race, declined by `decide`, nothing to add, or this process holds a newer copy): the caller takes it
   * through {@link change}, on fresh state. A crash after the events leaves the projections behind the log, which the
   * next read (or projection repair) brings up to date, and the records with them.
   */
  async changeStoredMany(workspaceId: string, author: Author, copies: readonly Enrollment[], decide: (change: EnrollmentChange) => boolean): Promise<Array<ChangeResult | undefined>> {
    const at = this.clock.now().toISOString();
    const placed = copies.map((copy) => {
      if (copy.workspaceId !== workspaceId || !this.stillNewest(copy, copy.id)) return undefined;
      const change = new EnrollmentChange(copy, at);
      if (!decide(change) || change.drafts.length === 0) return undefined;
      return { copy, change, events: placeEvents(workspaceId, copy.id, copy.seq, author, change.drafts, change.recordedAt, copy.programInstanceId) };
    });
    const tried = placed.filter((entry) => entry !== undefined);
    if (tried.length === 0) return copies.map(() => undefined);
    const won = new Set<(typeof tried)[number]>();
    for (const { events } of tried) this.#appending.add(events[0]!.batch.id);
    try {
      const heads = await this.#appender.insertMany(tried.map(({ events }) => events[0]!));
      for (const [index, entry] of tried.entries()) {
        if (heads[index] === 'inserted') won.add(entry);
        else this.#cache.forget(workspaceId, entry.copy.id);
      }
      // A follower can only be a duplicate of itself, inserted by a reader that completed its batch first.
      const followers = [...won].flatMap(({ events }) => events.slice(1));
      if (followers.length > 0) await this.#appender.insertMany(followers);
    } finally {
      for (const { events } of tried) this.#appending.delete(events[0]!.batch.id);
    }
    if (won.size < tried.length) this.logger.info('lost append races in a batch; deciding those again on the newer state', { workspaceId, lost: tried.length - won.size });
    await this.saveDecidedOnStored([...won].map(({ copy, change }) => ({ enrollment: change.current, decidedOn: copy })));
    for (const { copy } of won) this.appendSignal.appended(workspaceId, copy.id);
    return placed.map((entry) => (entry !== undefined && won.has(entry) ? { enrollment: entry.change.current, events: entry.events } : undefined));
  }

  /**
   * {@link saveProjection} for many changes decided on their stored copies: each enrollment's queue records, then its
   * projection, one enrollment after another. (Measured on FerretDB v1 on PostgreSQL, `bench/deadlineSweep.mjs`: one
   * bulk write of many records' conditional upserts, or many writes side by side, cost several times more than the
   * same writes in turn, as they contend for the same hour's `list_buckets` entry.)
   */
  private async saveDecidedOnStored(saves: ReadonlyArray<{ readonly enrollment: Enrollment; readonly decidedOn: Enrollment }>): Promise<void> {
    for (const { enrollment, decidedOn } of saves) await this.saveProjection(enrollment, decidedOn);
  }

  /**
   * Makes an id that was never created impossible to create: its first event becomes `draft` (its device's release).
   * False when the enrollment was created first, which the caller must then read and respect.
   */
  async fenceUncreated(workspaceId: string, enrollmentId: string, author: Author, draft: EventDraft): Promise<boolean> {
    const [head] = placeEvents(workspaceId, enrollmentId, 0, author, [draft], this.clock.now().toISOString());
    return (await this.#appender.insert(head!)) === 'inserted';
  }

  /**
   * Applies a decision to an existing enrollment. Writers of one enrollment in this process take turns; a writer that
   * loses the race to another process decides again on the newer state. One that has not appended within the
   * contention budget (`contentionBudgetMs`, or `maxAppendAttempts` lost races) answers 409 `enrollment_contended`
   * with `Retry-After`. Undefined when there is no such enrollment. `loaded`: the enrollment as the caller just
   * loaded it (or a {@link StoredCopy}), decided on first instead of loading it again when no writer of this process
   * has moved past it. A copy behind the log is safe: its append loses the `(enrollmentId, seq)` race to the event
   * already there, and the change reloads and decides again.
   */
  async change(workspaceId: string, enrollmentId: string, author: Author, decide: Decision, loaded?: Enrollment | StoredCopy): Promise<ChangeResult | undefined> {
    const deadline = Date.now() + this.settings.contentionBudgetMs;
    return this.#writers.run(
      `${workspaceId}/${enrollmentId}`,
      deadline,
      () => this.changeInTurn(workspaceId, enrollmentId, author, decide, deadline, loaded),
      () => contended(enrollmentId),
    );
  }

  private async changeInTurn(
    workspaceId: string, enrollmentId: string, author: Author, decide: Decision, deadline: number, given: Enrollment | StoredCopy | undefined,
  ): Promise<ChangeResult | undefined> {
    const loaded = given !== undefined && 'stored' in given ? given.stored : given;
    const loadedIsStored = given !== undefined && 'stored' in given;
    if (author.operation?.recovering === true) {
      const done = await this.alreadyWritten(workspaceId, enrollmentId, author);
      if (done !== undefined) return done;
    }
    for (let attempt = 1; attempt <= this.settings.maxAppendAttempts; attempt++) {
      const current = attempt === 1 && this.stillNewest(loaded, enrollmentId) ? loaded! : await this.load(workspaceId, enrollmentId);
      if (current === undefined || !inInstanceScope(author, current.programInstanceId)) return undefined;
      // Under the append's guard: the events below take seq current.seq + 1, so a writer that appends them wrote over
      // exactly the version it checked; a loser reloads, finds a newer seq, and gets its 412 here (issue 24).
      if (current.deletedAt === undefined) checkIfMatch(author.ifMatch, current.seq, `Enrollment '${enrollmentId}'`);
      const change = new EnrollmentChange(current, this.clock.now().toISOString());
      await decide(change);
      if (change.drafts.length === 0) return { enrollment: current, events: [] };
      const events = placeEvents(workspaceId, enrollmentId, current.seq, author, change.drafts, change.recordedAt, current.programInstanceId);
      if (await this.append(events)) {
        // Its append won, so the log stood at the copy's seq: a copy read from the stored projections is the stored one.
        await this.saveProjection(change.current, this.isStored(current) || (loadedIsStored && current === loaded) ? current : undefined);
        return { enrollment: change.current, events };
      }
      this.#cache.forget(workspaceId, enrollmentId);
      this.logger.info('lost the append race; deciding again on the newer state', { workspaceId, enrollmentId, seq: current.seq + 1, attempt });
      if (Date.now() >= deadline) break;
      await backOff(attempt);
    }
    throw contended(enrollmentId);
  }

  /**
   * Whether a copy is known to be the stored projection (this process kept it after writing or reading it): then its
   * list facets are counted, and a change that keeps them lets the store skip counting (see the port's `save`).
   */
  private isStored(enrollment: Enrollment): boolean {
    return this.#cache.get(enrollment.workspaceId, enrollment.id)?.seq === enrollment.seq;
  }

  /** Whether the caller's copy can be decided on: no writer of this process (one queued ahead) has moved past it. */
  private stillNewest(loaded: Enrollment | undefined, enrollmentId: string): boolean {
    if (loaded?.id !== enrollmentId) return false;
    const kept = this.#cache.get(loaded.workspaceId, enrollmentId);
    return kept === undefined || kept.seq <= loaded.seq;
  }

  /**
   * For a retry of an idempotent request whose first attempt died: the enrollment as it stands if that attempt's
   * change is already in the log (its batch id is derived from the request), so it is not applied twice.
   */
  private async alreadyWritten(workspaceId: string, enrollmentId: string, author: Author): Promise<ChangeResult | undefined> {
    const batchId = batchIdFor(author.operation, enrollmentId);
    const log = await this.events.listForEnrollment(workspaceId, enrollmentId, 0);
    if (!log.some((event) => event.batch.id === batchId)) return undefined;
    const enrollment = await this.load(workspaceId, enrollmentId);
    return enrollment === undefined ? undefined : { enrollment, events: [] };
  }

  /** Folds whatever the log holds beyond a stored copy (completing a batch a crash cut short) and keeps the result. */
  private async catchUp(workspaceId: string, enrollmentId: string, stored: Enrollment | undefined): Promise<Enrollment | undefined> {
    const newer = await this.events.listForEnrollment(workspaceId, enrollmentId, stored?.seq ?? 0);
    if (newer.length === 0) {
      if (stored !== undefined) this.#cache.set(stored);
      return stored;
    }
    const current = projectEnrollment(stored, await this.completeLastBatch(newer));
    if (current !== undefined) await this.saveProjection(current);
    return current;
  }

  /** Appends a batch: false if another writer took the head's sequence number first. */
  private async append(events: readonly EnrollmentEvent[]): Promise<boolean> {
    const [head, ...followers] = events;
    if (head === undefined) return false;
    this.#appending.add(head.batch.id);
    try {
      if (followers.length === 0) {
        if ((await this.#appender.insert(head)) === 'duplicate') return false;
      } else {
        // One round trip however long the batch: the head first (the guard: a head that lost writes nothing), then its
        // followers, in order. A follower can only be a duplicate of itself, inserted by a reader that completed this
        // batch first; the insert stops there, and any after it go in now. A crash part way leaves the head, which
        // carries the followers, for the next reader to complete.
        const inserted = await this.#appender.insertInOrder(events);
        if (inserted === 0) return false;
        if (inserted < events.length - 1) await this.#appender.insertMany(events.slice(inserted + 1));
      }
    } finally {
      this.#appending.delete(head.batch.id);
    }
    this.appendSignal.appended(head.workspaceId, head.enrollmentId);
    return true;
  }

  /** Inserts what a crash left out of the newest batch (its head carries the rest), so readers never see half a change. */
  private async completeLastBatch(newer: readonly EnrollmentEvent[]): Promise<readonly EnrollmentEvent[]> {
    const last = newer.at(-1);
    if (last === undefined || last.batch.index === last.batch.size - 1) return newer;
    const head = newer.find((event) => event.batch.id === last.batch.id && event.batch.index === 0);
    const missing = (head?.followers ?? []).filter((follower) => follower.seq > last.seq);
    this.reportCompletion(last, head, missing.length);
    for (const follower of missing) await this.#appender.insert(follower);
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

  private rememberSaved(enrollment: Enrollment): void {
    if (this.#saved.size >= SAVED_MEMO_SIZE) this.#saved.clear();
    this.#saved.set(`${enrollment.workspaceId}/${enrollment.id}`, enrollment.seq);
  }

  /**
   * The projection's due keys (ADR 0019); none when they cannot be worked out (its instance unreadable): the sweep's
   * next review of it, or its first full pass, stores them again.
   */
  private async dueKeysOf(enrollment: Enrollment): Promise<DueKeys | undefined> {
    try {
      return await this.due.keysFor(enrollment);
    } catch (error) {
      this.logger.warn('due keys not worked out; the projection is saved without them', { workspaceId: enrollment.workspaceId, enrollmentId: enrollment.id, error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }

  /**
   * Writes the queue's copies of the enrollment's deadlines (issue 20) before its projection, as the list ledger is
   * (ADR 0017): a crash in between leaves the projection behind the log, and its repair writes them again. Nothing to
   * write when the change was decided on the stored projection and left the deadlines as they were: that
   * projection's copies are stored already (written before it).
   */
  private async writeDeadlines(enrollment: Enrollment, decidedOn: Enrollment | undefined): Promise<void> {
    const deadlines = enrollment.participation === undefined ? undefined : deadlinesOf(enrollment.participation);
    if (deadlines === undefined) return;
    const before = decidedOn?.participation === undefined ? undefined : deadlinesOf(decidedOn.participation);
    if (decidedOn !== undefined && isDeepStrictEqual(before, deadlines)) return;
    await this.deadlines.write(deadlineRecordsOf(enrollment));
  }

  /**
   * Writes the projection and keeps the enrollment at hand. A failed write is logged, not thrown, since the events
   * are already the truth; the enrollment is then not kept, so that the next read goes to the store and repairs it.
   */
  private async saveProjection(enrollment: Enrollment, decidedOn?: Enrollment): Promise<void> {
    try {
      const due = await this.dueKeysOf(enrollment);
      await this.writeDeadlines(enrollment, decidedOn);
      await this.projections.save(enrollment, { ...(decidedOn === undefined ? {} : { decidedOn }), ...(due === undefined ? {} : { due }) });
      this.#cache.set(enrollment);
      this.rememberSaved(enrollment);
    } catch (error) {
      this.#cache.forget(enrollment.workspaceId, enrollment.id);
      this.logger.warn('projection write failed; the next read repairs it', {
        workspaceId: enrollment.workspaceId,
        enrollmentId: enrollment.id,
        seq: enrollment.seq,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

