import type { Job, JobChunk, JobChunkResult } from '../Job.js';
import type { InsertResult } from '../../platform/index.js';

/**
 * Jobs, their staged rows and the results of each chunk. Every guard is a unique insert: a job's id (a client's
 * key names one job), `(jobId, index)` for chunks (a resent upload stages nothing twice) and for results (a chunk
 * is counted once, whichever worker finished it). A job document has one writer at a time — the upload while it
 * is received, then the worker holding its lease — so replacing it whole is safe.
 */
export interface JobRepository {
  insert(job: Job): Promise<InsertResult>;
  get(workspaceId: string, id: string): Promise<Job | undefined>;
  replace(job: Job): Promise<void>;
  /** Jobs not yet completed or failed, in every workspace: what workers pick up. */
  listOpen(): Promise<readonly Job[]>;
  /** A workspace's jobs on one program instance, newest first; with a key, the one job with that key. */
  listForInstance(workspaceId: string, programInstanceId: string, key?: string): Promise<readonly Job[]>;
  insertChunk(chunk: JobChunk): Promise<InsertResult>;
  getChunk(workspaceId: string, jobId: string, index: number): Promise<JobChunk | undefined>;
  /** Drops a finished job's staged rows (its results stay). */
  deleteChunks(workspaceId: string, jobId: string): Promise<void>;
  insertResult(result: JobChunkResult): Promise<InsertResult>;
  getResult(workspaceId: string, jobId: string, index: number): Promise<JobChunkResult | undefined>;
  /** Every result of a job, by chunk index. */
  listResults(workspaceId: string, jobId: string): Promise<readonly JobChunkResult[]>;
}
