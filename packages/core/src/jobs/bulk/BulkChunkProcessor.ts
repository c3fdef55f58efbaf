import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { isLeaving, type EnrollmentStatus } from '@flexroll/sdk';
import { ChangeRunner, matchesEnrollmentFilter, moveEnrollmentStatus, type EnrollmentChange, type Enrollment, type EnrollmentEventRepository, type EnrollmentFilter } from '../../enrollments/index.js';
import { EligibilityScreening } from '../../screening/index.js';
import { STORE_TOKENS } from '../../platform/index.js';
import { addCounts, BULK_TARGETS, NO_COUNTS, type BulkAction, type BulkFilter, type BulkWhere, type Job, type JobChunk, type JobCounts, type RowError } from '../Job.js';
import { rowAuthor } from '../JobContext.js';
import type { ChunkOutcome } from '../import/ImportChunkProcessor.js';
import { earlierMove } from './earlierMove.js';
import { isRowRefusal } from '../rowRefusal.js';

/** How many enrollments of a chunk are changed at once. */
const LANES = 8;

/** The statuses each action can start from: what a bulk job selects when its `where` names none. */
export const BULK_SOURCES: Readonly<Record<BulkAction, readonly EnrollmentStatus[]>> = {
  approve: ['submitted'],
  reject: ['submitted'],
  unenroll: ['approved'],
  evaluate: ['candidate', 'ineligible'],
};

/** The enrollment filter a job's list filter selects by: with no status named, the statuses the action can start from. */
export function bulkFilterOf(filter: BulkFilter, action: BulkAction): EnrollmentFilter {
  return { ...filter.resolved, statuses: filter.resolved.statuses ?? BULK_SOURCES[action] };
}

/** Whether an enrollment still answers the job's selection (`where`, or the list's filter). */
export function matchesWhere(enrollment: Enrollment, where: BulkWhere | undefined, action: BulkAction, filter?: BulkFilter): boolean {
  if (filter !== undefined) return enrollment.deletedAt === undefined && matchesEnrollmentFilter(enrollment, bulkFilterOf(filter, action));
  const statuses = where?.statuses ?? BULK_SOURCES[action];
  return (
    enrollment.deletedAt === undefined &&
    statuses.includes(enrollment.eligibility.status) &&
    (where?.tags ?? []).every((tag) => enrollment.tags?.includes(tag) === true) &&
    (where?.referenceIds === undefined || (enrollment.referenceId !== undefined && where.referenceIds.includes(enrollment.referenceId)))
  );
}

type RowOutcome = { readonly counts: Partial<JobCounts> } | { readonly error: string; readonly field: string; readonly rule: string };

/**
 * Applies a bulk job's action to a chunk of selected enrollments, each as its own change through the event log (so
 * each is audited, and a job run twice moves nothing twice: the second finds the move made and skips it). With a
 * device, the move goes through the adapter like a PATCH (ADR 0004). A move the state machines refuse is that row's
 * error; an enrollment that no longer matches the selection is skipped. A row the job itself moved already (a chunk
 * redone after a crash cut it short, or by a second worker) counts as moved, whatever this run found: the chunk's
 * result is the only one counted, so each row the job moved is counted moved exactly once.
 */
@injectable()
export class BulkChunkProcessor {
  constructor(
    @inject(new LazyServiceIdentifier(() => ChangeRunner)) private readonly changes: ChangeRunner,
    @inject(new LazyServiceIdentifier(() => EligibilityScreening)) private readonly screening: EligibilityScreening,
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
  ) {}

  async process(job: Job, chunk: JobChunk): Promise<ChunkOutcome> {
    const outcomes: RowOutcome[] = new Array<RowOutcome>(chunk.rows.length);
    let next = 0;
    const lane = async () => {
      for (let index = next++; index < chunk.rows.length; index = next++) outcomes[index] = await this.one(job, chunk.firstRow + index, chunk.rows[index]!);
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    let counts = NO_COUNTS;
    const errors: RowError[] = [];
    outcomes.forEach((outcome, index) => {
      if ('counts' in outcome) counts = addCounts(counts, { ...NO_COUNTS, ...outcome.counts });
      else {
        counts = addCounts(counts, { ...NO_COUNTS, failed: 1 });
        errors.push({ row: chunk.firstRow + index, field: outcome.field, rule: outcome.rule, message: outcome.error, enrollmentId: chunk.rows[index]! });
      }
    });
    return { counts, errors };
  }

  private async one(job: Job, row: number, enrollmentId: string): Promise<RowOutcome> {
    const action = job.action!;
    let outcome: RowOutcome = { counts: { skipped: 1 } };
    let seen: Enrollment | undefined;
    try {
      await this.changes.run(job.workspaceId, enrollmentId, rowAuthor(job, row), async (change, rules) => {
        seen = change.current;
        outcome = { counts: { skipped: 1 } };
        if (!matchesWhere(change.current, job.where, action, job.filter)) return;
        if (action === 'evaluate') {
          const result = await this.screening.screen(change, rules);
          outcome = { counts: result === 'moved' ? { moved: 1, ...statusCount(change.current.eligibility.status) } : { skipped: 1 } };
          return;
        }
        if (alreadyDone(change, action)) return;
        await moveEnrollmentStatus(change, rules, BULK_TARGETS[action], job.reason);
        outcome = { counts: { moved: 1 } };
      });
    } catch (error) {
      if (!isRowRefusal(error)) throw error;
      outcome = { error: error.message, field: error.details[0]?.field ?? '/status', rule: error.details[0]?.rule ?? error.code };
      // A refused change may have lost its race to this job's own move (a second worker on the chunk): the log decides.
      seen = undefined;
    }
    if ('counts' in outcome && outcome.counts.moved === 1) return outcome;
    return (await this.movedBefore(job, row, enrollmentId, seen)) ?? outcome;
  }

  /**
   * The row's success if this job moved the enrollment already, as its own events show. Only an enrollment changed
   * since the job was created can hold them (a dated event is never dated before the enrollment's last change), so a
   * row left alone on an enrollment untouched since then costs no read of its log.
   */
  private async movedBefore(job: Job, row: number, enrollmentId: string, seen: Enrollment | undefined): Promise<RowOutcome | undefined> {
    if (seen !== undefined && seen.updatedAt < job.createdAt) return undefined;
    const move = earlierMove(await this.events.listForEnrollment(job.workspaceId, enrollmentId, 0), rowAuthor(job, row).source);
    if (move === undefined) return undefined;
    return { counts: { moved: 1, ...(job.action === 'evaluate' && move.to !== undefined ? statusCount(move.to) : {}) } };
  }
}

function alreadyDone(change: EnrollmentChange, action: Exclude<BulkAction, 'evaluate'>): boolean {
  const { eligibility, participation } = change.current;
  if (eligibility.status === BULK_TARGETS[action]) return true;
  // An unenrolment under way leaves the enrollment `approved` meanwhile (ADR 0004).
  return action === 'unenroll' && participation !== undefined && isLeaving(participation.state);
}

function statusCount(status: EnrollmentStatus): Partial<JobCounts> {
  return status === 'ineligible' ? { ineligible: 1 } : status === 'eligible' || status === 'submitted' ? { eligible: 1 } : {};
}
