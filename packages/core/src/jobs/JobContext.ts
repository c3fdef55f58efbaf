import type { Author } from '../enrollments/index.js';
import type { CallContext } from '../platform/index.js';
import type { Job } from './Job.js';

/** The call context a job acts in: its creator's workspace, identity and mode. */
export function jobContext(job: Job, source: string): CallContext {
  return { workspaceId: job.workspaceId, actor: job.actor, source, liveMode: job.liveMode };
}

/** Who writes a row's events: the job's creator, from `import:<jobId>:<row>` (so the audit trail names the row) or `bulk:<jobId>`. */
export function rowAuthor(job: Job, row: number): Author {
  return { actor: job.actor, source: job.kind === 'import' ? `import:${job.id}:${row}` : `bulk:${job.id}` };
}
