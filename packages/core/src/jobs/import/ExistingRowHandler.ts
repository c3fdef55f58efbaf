import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { ChangeRunner, decideDataChange, EnrollmentLog, MUTABLE_ENROLLMENT_FIELDS, type Enrollment, type EnrollmentChanges, type EnrollmentEventRepository } from '../../enrollments/index.js';
import { EligibilityScreening } from '../../screening/index.js';
import { STORE_TOKENS } from '../../platform/index.js';
import type { Job, JobCounts } from '../Job.js';
import { rowAuthor } from '../JobContext.js';
import type { NormalisedRow } from './normaliseRow.js';
import { isRowRefusal } from '../rowRefusal.js';
import { screened } from './screenedCounts.js';

/** A row that could not be applied to the enrollment its key names. */
export interface RowProblem {
  readonly field: string;
  /** The rule the row broke, as a row error names it. */
  readonly rule: string;
  readonly message: string;
}

/**
 * A row whose enrollment already exists. It is this very row, created before a crash cut its chunk short (counted as
 * created, once); a later row of the same file with the same key (refused: the first row wins); or a row imported
 * before (a rerun): its data is applied as a change — fields the row leaves out are kept — and a change to what
 * eligibility depends on screens the enrollment again. Identical data changes nothing.
 */
@injectable()
export class ExistingRowHandler {
  constructor(
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(new LazyServiceIdentifier(() => ChangeRunner)) private readonly changes: ChangeRunner,
    @inject(new LazyServiceIdentifier(() => EligibilityScreening)) private readonly screening: EligibilityScreening,
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
  ) {}

  async handle(job: Job, row: number, fresh: Omit<Enrollment, 'seq'>, input: NormalisedRow): Promise<Partial<JobCounts> | RowProblem> {
    void input;
    const current = await this.log.load(job.workspaceId, fresh.id);
    if (current === undefined) return { field: '/', rule: 'concurrent_write', message: 'was written by another worker at the same moment; run the import again to apply it' };
    if (current.deletedAt !== undefined) {
      return { field: '/referenceId', rule: 'not_deleted', message: `names enrollment ${current.id}, which was deleted; give the row another referenceId to import it again` };
    }
    if (current.createdAt >= job.createdAt) {
      const [first] = await this.events.listForEnrollment(job.workspaceId, current.id, 0);
      if (first?.source === rowAuthor(job, row).source) {
        // The crash may have come between the creation and its outbox item (an import's creations are in no feed
        // channel the catch-up follows): owing it again is a harmless duplicate.
        await this.changes.followImportedCreation([first], await this.changes.rulesFor(current));
        return { created: 1, ...screened(current) };
      }
      const earlier = /^import:(.+):(\d+)$/.exec(first?.source ?? '');
      if (earlier?.[1] === job.id) return { field: '/referenceId', rule: 'unique_key', message: `repeats the key of row ${earlier[2]} in this file; the first row wins` };
    }
    return this.update(job, row, current, fresh);
  }

  private async update(job: Job, row: number, current: Enrollment, fresh: Omit<Enrollment, 'seq'>): Promise<Partial<JobCounts> | RowProblem> {
    if (fresh.serialNumber !== undefined && current.serialNumber !== undefined && fresh.serialNumber !== current.serialNumber) {
      return { field: '/serialNumber', rule: 'immutable', message: `cannot change once set (enrollment ${current.id} has '${current.serialNumber}'); enroll the new device with another referenceId` };
    }
    const changes: EnrollmentChanges = {};
    for (const field of MUTABLE_ENROLLMENT_FIELDS) {
      if (fresh[field] !== undefined) (changes as Record<string, unknown>)[field] = fresh[field];
    }
    try {
      const result = await this.changes.run(job.workspaceId, current.id, rowAuthor(job, row), async (change, rules) => {
        decideDataChange(change, changes, rules.instance);
        if (change.drafts.length > 0) await this.screening.screen(change, rules);
      });
      if (result === undefined || result.events.length === 0) return { unchanged: 1 };
      return { updated: 1, ...screened(result.enrollment) };
    } catch (error) {
      if (isRowRefusal(error)) return { field: error.details[0]?.field ?? '/', rule: error.details[0]?.rule ?? error.code, message: error.message };
      throw error;
    }
  }
}
