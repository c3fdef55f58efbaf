import { isDeepStrictEqual } from 'node:util';
import type { CoreLogger } from '../platform/index.js';
import type { Enrollment } from './Enrollment.js';
import type { EnrollmentProjectionRepository } from './ports/EnrollmentProjectionRepository.js';
import type { DueKeys } from './DueKeys.js';
import type { DueMoments } from '../participation/index.js';
import { deadlineRecordsOf, deadlinesOf, type DeadlineRepository } from '../deadlines/index.js';

/** How many saved projections' `seq`s are remembered, so that projection repair need not read them back (~10 MB). */
const SAVED_MEMO_SIZE = 100_000;

/**
 * What the event log writes after its events (DESIGN §3): each enrollment's projection with its due keys (ADR 0019),
 * and before it the queue's copies of its deadlines (issue 20, in ADR 0023's order). The events are already the truth
 * when these are written, so a failed write is logged, not thrown: the projection stays behind the log, and the next
 * read, or projection repair, writes it (and the records with it) again.
 */
export class ProjectionWrites {
  /**
   * `seq`s of the projections this process saved, by `workspace/enrollment`, for projection repair: lighter than the
   * enrollments at hand, so it holds a whole import's. Bounded: emptied when full (repair then reads those back).
   */
  readonly #saved = new Map<string, number>();

  constructor(
    private readonly projections: EnrollmentProjectionRepository,
    private readonly deadlines: DeadlineRepository,
    private readonly due: DueMoments,
    private readonly logger: CoreLogger,
  ) {}

  /** The `seq` at which this process last saved the enrollment's projection, if it remembers one. */
  savedSeq(workspaceId: string, enrollmentId: string): number | undefined {
    return this.#saved.get(`${workspaceId}/${enrollmentId}`);
  }

  /**
   * Writes one projection, its deadlines first; `decidedOn` is the stored copy the change was decided on, if it was
   * (see the port's `ProjectionSave.decidedOn`). False when a write failed, which is logged.
   */
  async save(enrollment: Enrollment, decidedOn?: Enrollment): Promise<boolean> {
    try {
      const due = await this.dueKeysOf(enrollment);
      await this.writeDeadlines(enrollment, decidedOn);
      await this.projections.save(enrollment, { ...(decidedOn === undefined ? {} : { decidedOn }), ...(due === undefined ? {} : { due }) });
      this.remember(enrollment);
      return true;
    } catch (error) {
      this.logger.warn('projection write failed; the next read repairs it', {
        workspaceId: enrollment.workspaceId,
        enrollmentId: enrollment.id,
        seq: enrollment.seq,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  /** Writes new enrollments' projections in bulk (an import): every deadline record in one write, then the projections. */
  async saveNew(workspaceId: string, enrollments: readonly Enrollment[]): Promise<void> {
    try {
      await this.deadlines.write(enrollments.flatMap(deadlineRecordsOf));
      await this.projections.saveMany(enrollments, await Promise.all(enrollments.map((enrollment) => this.dueKeysOf(enrollment))));
      for (const enrollment of enrollments) this.remember(enrollment);
    } catch (error) {
      this.logger.warn('projection writes failed; the next reads repair them', { workspaceId, count: enrollments.length, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private remember(enrollment: Enrollment): void {
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
   * Writes the queue's copies of the enrollment's deadlines before its projection, as the list ledger is (ADR 0017): a
   * crash in between leaves the projection behind the log, and its repair writes them again. Nothing to write when the
   * change was decided on the stored projection and left the deadlines as they were: that projection's copies are
   * stored already (written before it).
   */
  private async writeDeadlines(enrollment: Enrollment, decidedOn: Enrollment | undefined): Promise<void> {
    const deadlines = enrollment.participation === undefined ? undefined : deadlinesOf(enrollment.participation);
    if (deadlines === undefined) return;
    const before = decidedOn?.participation === undefined ? undefined : deadlinesOf(decidedOn.participation);
    if (decidedOn !== undefined && isDeepStrictEqual(before, deadlines)) return;
    await this.deadlines.write(deadlineRecordsOf(enrollment));
  }
}
