import type { Job, JobChunkResult, JobCounts, JobError, JobStatus, RowError } from './Job.js';

/** How many of its first row errors a job whose every row failed carries in its answer; `GET /jobs/{id}/errors` pages all of them. */
export const FIRST_ERRORS = 10;

/** How a job that ran to its end ended: `completed`, or `failed` with why. */
export interface JobOutcome {
  readonly status: Extract<JobStatus, 'completed' | 'failed'>;
  readonly error?: JobError;
}

/**
 * How a job that processed all its rows ended. A job none of whose rows could be done (at least one row, every one
 * failed: a file without a key column, a bulk move its whole selection refuses) did not do what it was asked, and says
 * so: `failed`, `every_row_failed`, with its first errors. One row done (created, updated, unchanged, moved or
 * skipped) makes it `completed`, its failures counted as before; so does a job with no row to do.
 */
export function jobOutcome(job: Pick<Job, 'id' | 'kind'>, counts: JobCounts, processed: number, results: Iterable<JobChunkResult>): JobOutcome {
  if (processed === 0 || counts.failed < processed) return { status: 'completed' };
  const details = firstErrors(results);
  const first = details[0];
  const what = job.kind === 'import' ? `None of the ${processed} rows was imported` : `None of the ${processed} selected enrollments was moved`;
  const example = first === undefined ? '' : ` The first, row ${first.row}: ${first.field} ${first.message.replace(/\.$/, '')}.`;
  return {
    status: 'failed',
    error: { code: 'every_row_failed', message: `${what}: every one failed.${example} All of them: GET /jobs/${job.id}/errors.`, details },
  };
}

/** The first {@link FIRST_ERRORS} row errors, in row order (chunk by chunk; each chunk's errors are already in row order). */
function firstErrors(results: Iterable<JobChunkResult>): RowError[] {
  const first: RowError[] = [];
  for (const result of [...results].sort((a, b) => a.index - b.index)) {
    for (const error of result.errors) {
      if (first.length === FIRST_ERRORS) return first;
      first.push(error);
    }
  }
  return first;
}
