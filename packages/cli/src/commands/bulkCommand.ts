import { createHash, randomBytes } from 'node:crypto';
import { ApiClient, type RemoteOptions } from './remote/ApiClient.js';
import { followJob, type JobExit } from './remote/followJob.js';
import type { RemoteJob } from './remote/RemoteJob.js';

export const BULK_ACTION_NAMES = ['approve', 'reject', 'unenroll', 'evaluate'] as const;

export interface BulkOptions extends RemoteOptions {
  readonly instance: string;
  /** `status=submitted`, `tags=a,b`, `referenceIds=x,y` — each at most once; together they all apply. */
  readonly where: readonly string[];
  readonly reason?: string;
  readonly errors?: string;
  readonly again?: boolean;
}

/**
 * `flexroll bulk <action> --instance <id> --where status=submitted --reason "…"`: starts a bulk action as a job and
 * follows it. The request's `Idempotency-Key` is a hash of the command, so running it again after Ctrl-C follows the
 * same job rather than starting another (`--again` for a new run; a new run moves nothing twice anyway).
 */
export async function runBulk(action: (typeof BULK_ACTION_NAMES)[number], options: BulkOptions): Promise<JobExit> {
  const client = new ApiClient(options);
  const where = parseWhere(options.where);
  const body = { action, ...(Object.keys(where).length === 0 ? {} : { where }), ...(options.reason === undefined ? {} : { reason: options.reason }) };
  const fingerprint = createHash('sha256').update(JSON.stringify([options.instance, body])).digest('hex').slice(0, 40);
  const key = `bulk-${fingerprint}${options.again === true ? `-${randomBytes(4).toString('hex')}` : ''}`;
  const job = await client.post<RemoteJob>(`/programInstances/${options.instance}/bulk-actions`, body, { 'idempotency-key': key });
  process.stderr.write(`Bulk ${action}: job ${job.id} (started ${job.createdAt}).\n`);
  return followJob(client, job, options.errors ?? `bulk-${action}-${job.id}.errors.csv`);
}

function parseWhere(conditions: readonly string[]): Record<string, string[]> {
  const where: Record<string, string[]> = {};
  for (const condition of conditions) {
    const match = /^(status|tags|referenceIds)=(.+)$/.exec(condition.trim());
    if (match === null) throw new Error(`--where ${condition}: write status=…, tags=… or referenceIds=… (values comma-separated)`);
    where[match[1]!] = match[2]!.split(',').map((value) => value.trim()).filter(Boolean);
  }
  return where;
}
