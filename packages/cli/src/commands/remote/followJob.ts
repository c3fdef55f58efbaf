import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import cliProgress from 'cli-progress';
import type { ApiClient } from './ApiClient.js';
import type { RemoteJob, RemotePage, RemoteRowError } from './RemoteJob.js';

const POLL_MS = 500;

/** How a followed job ended, for the command's exit code: 0 all rows done, 3 some rows failed, 1 the job failed. */
export type JobExit = 0 | 1 | 3;

/**
 * Follows a job to its end with a progress bar (rows, rows/s, ETA), then prints a summary and, when rows failed,
 * writes them to `errorFile` as CSV (row, line, field, message, referenceId, enrollmentId). Ctrl-C stops following,
 * not the job: the server goes on, and running the same command again picks the job up where it is.
 */
export async function followJob(client: ApiClient, first: RemoteJob, errorFile: string, out: NodeJS.WriteStream = process.stderr): Promise<JobExit> {
  const bar = new cliProgress.SingleBar(
    { format: '{phase} |{bar}| {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}', hideCursor: true, stream: out, etaBuffer: 20, fps: 5, noTTYOutput: true, notTTYSchedule: 5_000 },
    cliProgress.Presets.shades_classic,
  );
  let job = first;
  const started = { at: Date.now(), rows: first.rows.processed };
  bar.start(job.rows.total ?? Math.max(job.rows.received, 1), job.rows.processed, payload(job, started));
  const interrupted = () => {
    bar.stop();
    out.write(`\nStopped following job ${job.id}; it goes on on the server. Run the same command again to pick it up where it is.\n`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  try {
    while (job.status !== 'completed' && job.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await client.get<RemoteJob>(`/jobs/${job.id}`);
      bar.setTotal(job.rows.total ?? Math.max(job.rows.received, job.rows.processed, 1));
      bar.update(job.rows.processed, payload(job, started));
    }
  } finally {
    process.off('SIGINT', interrupted);
    bar.stop();
  }
  return summarise(client, job, errorFile, out);
}

function payload(job: RemoteJob, started: { at: number; rows: number }): Record<string, string> {
  const seconds = (Date.now() - started.at) / 1000;
  const rate = seconds > 0 ? (job.rows.processed - started.rows) / seconds : 0;
  return { phase: job.status.padEnd(9), rate: rate.toFixed(0) };
}

async function summarise(client: ApiClient, job: RemoteJob, errorFile: string, out: NodeJS.WriteStream): Promise<JobExit> {
  const c = job.counts;
  const lines = [
    `Job ${job.id} ${job.status}${job.finishedAt === undefined ? '' : ` at ${job.finishedAt}`}: ${job.rows.processed} of ${job.rows.total ?? job.rows.received} rows.`,
    job.type === 'import'
      ? `  created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}; eligible ${c.eligible}, ineligible ${c.ineligible}; failed ${c.failed}`
      : `  moved ${c.moved}, skipped ${c.skipped}, failed ${c.failed}`,
  ];
  if (job.error !== undefined) lines.push(`  ${job.error.code}: ${job.error.message}`);
  if (c.failed > 0) {
    const written = await writeErrors(client, job, errorFile);
    lines.push(`  ${written} row error${written === 1 ? '' : 's'} written to ${errorFile}`);
  }
  out.write(`${lines.join('\n')}\n`);
  if (job.status === 'failed') return 1;
  return c.failed > 0 ? 3 : 0;
}

async function writeErrors(client: ApiClient, job: RemoteJob, file: string): Promise<number> {
  const stream = createWriteStream(file);
  stream.write('row,line,field,message,referenceId,enrollmentId\n');
  let written = 0;
  for (let page = 1; ; page++) {
    const found = await client.get<RemotePage<RemoteRowError>>(`/jobs/${job.id}/errors?page=${page}&perPage=100`);
    for (const error of found.data) {
      stream.write(`${[error.row, error.line ?? '', error.field, error.message, error.referenceId ?? '', error.enrollmentId ?? ''].map(csvCell).join(',')}\n`);
      written++;
    }
    if (page >= found.totalPages) break;
  }
  stream.end();
  await once(stream, 'finish');
  return written;
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
