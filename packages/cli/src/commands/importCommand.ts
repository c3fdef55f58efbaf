import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ApiClient, type RemoteOptions } from './remote/ApiClient.js';
import { followJob, type JobExit } from './remote/followJob.js';
import type { RemoteJob, RemotePage } from './remote/RemoteJob.js';

export interface ImportOptions extends RemoteOptions {
  readonly instance: string;
  readonly format?: 'csv' | 'ndjson';
  readonly errors?: string;
  /** Import the file again as a new job even if it was imported before (rows already imported are updated, not duplicated). */
  readonly again?: boolean;
}

const MEDIA_TYPES = { csv: 'text/csv', ndjson: 'application/x-ndjson' } as const;

/**
 * `flexroll import <file> --instance <id>`: uploads a CSV or NDJSON file of candidates as an import job and follows
 * it. The job's key is the file's SHA-256, so the same command run again — after Ctrl-C, a dropped connection or a
 * server restart — continues the same job (an upload cut off is sent again; rows are never created twice), and once
 * the job is done it shows that job's summary instead of importing again (`--again` to import anew).
 */
export async function importFile(file: string, options: ImportOptions): Promise<JobExit> {
  const client = new ApiClient(options);
  const format = options.format ?? formatOf(file);
  const { hash } = await digest(file);
  const key = options.again === true ? `import-${hash.slice(0, 40)}-${randomBytes(4).toString('hex')}` : `import-${hash.slice(0, 48)}`;
  const base = `/programInstances/${options.instance}`;
  const known = await client.get<RemotePage<RemoteJob>>(`${base}/jobs?key=${encodeURIComponent(key)}`);
  let job = known.data[0];
  if (job !== undefined && job.status !== 'receiving') {
    process.stderr.write(`${path.basename(file)} is job ${job.id} (started ${job.createdAt}); following it. (--again imports the file as a new job.)\n`);
  } else {
    process.stderr.write(`Uploading ${path.basename(file)} (${(await stat(file)).size} bytes, ${format}) to ${client.base}${job === undefined ? '' : `, continuing job ${job.id}`} …\n`);
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    job = await client.upload<RemoteJob>(`${base}/imports`, body, { 'content-type': MEDIA_TYPES[format], 'idempotency-key': key });
  }
  return followJob(client, job, options.errors ?? `${file}.errors.csv`);
}

function formatOf(file: string): 'csv' | 'ndjson' {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  throw new Error(`Cannot tell the format of ${file} from its extension; pass --format csv or --format ndjson.`);
}

async function digest(file: string): Promise<{ hash: string }> {
  const hash = createHash('sha256');
  for await (const part of createReadStream(file)) hash.update(part as Buffer);
  return { hash: hash.digest('hex') };
}
