import type { JobView } from '../api/enrollmentActions';
import { en } from '../messages/en';

const t = en.enrollments;

/** A job's progress bar and counts, announced politely as they change. */
export function JobProgress({ job, label }: { readonly job: JobView; readonly label: string }) {
  const total = job.rows.total ?? job.rows.received;
  const done = job.rows.processed;
  return (
    <div class="stack" role="status" aria-live="polite">
      <p>{t.bulkStatus(job.status)} · {t.bulkProgress(done, total)}</p>
      <progress max={Math.max(total, 1)} value={done} aria-label={label}>{t.bulkProgress(done, total)}</progress>
      <p>{t.bulkCounts(job.counts.moved + job.counts.created + job.counts.updated, job.counts.failed, job.counts.skipped)}</p>
      {job.error === undefined ? null : <p class="notice notice-error">{job.error.message}</p>}
    </div>
  );
}
