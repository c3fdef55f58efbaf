import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { ConflictError } from '@flexroll/sdk';
import { checkIfMatch, type Clock, type CoreSettings, type CoreLogger, CORE_TOKENS, inInstanceScope, STORE_TOKENS } from '../platform/index.js';
import type { Enrollment } from './Enrollment.js';
import type { EnrollmentEvent, EventDraft } from './EnrollmentEvent.js';
import type { EnrollmentEventRepository } from './ports/EnrollmentEventRepository.js';
import type { EnrollmentProjectionRepository } from './ports/EnrollmentProjectionRepository.js';
import type { EventFeedRepository } from './ports/EventFeedRepository.js';
import { FeedStamping } from './feed/FeedStamping.js';
import { EventBatches } from './EventBatches.js';
import { EnrollmentCache } from './EnrollmentCache.js';
import { EnrollmentChange } from './EnrollmentChange.js';
import { backOff, contended } from './contention.js';
import { batchIdFor, placeEvents, type Author } from './placeEvents.js';
import { projectEnrollment } from './projectEnrollment.js';
import { EventAppendSignal } from './EventAppendSignal.js';
import { WriterQueue } from './WriterQueue.js';
import { ProjectionWrites } from './ProjectionWrites.js';
import { DueMoments } from '../participation/index.js';
import type { DeadlineRepository } from '../deadlines/index.js';

export type { Author } from './placeEvents.js';

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
  /** Every append goes through it, and every insert through the event feed's stamping at the insert (ADR 0018). */
  readonly #batches: EventBatches;
  /** The projection and deadline writes after each append. */
  readonly #projectionWrites: ProjectionWrites;

  constructor(
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
    @inject(STORE_TOKENS.eventFeed) feed: EventFeedRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
    @inject(EventAppendSignal) private readonly appendSignal: EventAppendSignal,
    @inject(new LazyServiceIdentifier(() => DueMoments)) due: DueMoments,
    @inject(STORE_TOKENS.deadlines) deadlines: DeadlineRepository,
  ) {
    this.#cache = new EnrollmentCache(settings.enrollmentCacheSize);
    this.#batches = new EventBatches(new FeedStamping(events, feed, clock, settings.feedSettleMs, logger), clock, logger, appendSignal);
    this.#projectionWrites = new ProjectionWrites(projections, deadlines, due, logger);
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
    if ((this.#projectionWrites.savedSeq(workspaceId, enrollmentId) ?? 0) >= seq) return false;
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
    if (!(await this.#batches.append(events))) {
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
    // The heads decide, then the followers go in, and only then the projections: a projection is never ahead of the log.
    const won = await this.#batches.appendMany(placed);
    const results = placed.map((events, index): ChangeResult | 'duplicate' => {
      if (!won[index]) return 'duplicate';
      const enrollment = projectEnrollment(undefined, events);
      if (enrollment === undefined) throw new Error(`The first events of ${events[0]!.enrollmentId} projected to nothing`);
      return { enrollment, events };
    });
    const created = results.flatMap((result) => (result === 'duplicate' ? [] : [result.enrollment]));
    // Not kept at hand: a bulk import would only push out the enrollments this process is really using.
    await this.#projectionWrites.saveNew(workspaceId, created);
    return results;
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
    const heads = await this.#batches.appendMany(tried.map(({ events }) => events));
    const won = new Set(tried.filter((_entry, index) => heads[index]));
    for (const entry of tried) if (!won.has(entry)) this.#cache.forget(workspaceId, entry.copy.id);
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
    return this.#batches.appendHead(head!);
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
      if (await this.#batches.append(events)) {
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
    const current = projectEnrollment(stored, await this.#batches.completeLast(newer));
    if (current !== undefined) await this.saveProjection(current);
    return current;
  }

  /**
   * Writes the projection (see {@link ProjectionWrites}) and keeps the enrollment at hand; after a failed write it is
   * not kept, so that the next read goes to the store and repairs it.
   */
  private async saveProjection(enrollment: Enrollment, decidedOn?: Enrollment): Promise<void> {
    if (await this.#projectionWrites.save(enrollment, decidedOn)) this.#cache.set(enrollment);
    else this.#cache.forget(enrollment.workspaceId, enrollment.id);
  }
}

