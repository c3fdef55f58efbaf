import type { Job } from '@flexroll/core';

/** A job as the API shows it: seed 004's casing, the bulk selection's `status` in the request's own terms. */
export function renderJob(job: Job): Record<string, unknown> {
  const { statuses, ...where } = job.where ?? {};
  return {
    id: job.id,
    object: 'job',
    type: job.kind === 'import' ? 'import' : 'bulk_action',
    programInstanceId: job.programInstanceId,
    status: job.status,
    ...(job.key === undefined ? {} : { key: job.key }),
    ...(job.format === undefined ? {} : { format: job.format }),
    ...(job.action === undefined ? {} : { action: job.action }),
    ...(job.where === undefined ? {} : { where: { ...(statuses === undefined ? {} : { status: statuses }), ...where } }),
    ...(job.filter === undefined ? {} : { filter: job.filter.query }),
    ...(job.reason === undefined ? {} : { reason: job.reason }),
    rows: job.rows,
    counts: job.counts,
    ...(job.error === undefined ? {} : { error: job.error }),
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    ...(job.startedAt === undefined ? {} : { startedAt: job.startedAt }),
    ...(job.finishedAt === undefined ? {} : { finishedAt: job.finishedAt }),
  };
}
