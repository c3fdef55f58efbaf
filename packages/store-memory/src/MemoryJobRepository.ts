import type { InsertResult, Job, JobChunk, JobChunkResult, JobRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';

/** Jobs, their staged chunks and their chunk results in memory; chunks and results unique per job and index. */
export class MemoryJobRepository implements JobRepository {
  readonly #jobs = new MemoryTable<Job>((row) => scoped(row.workspaceId, row.id));
  readonly #chunks = new MemoryTable<JobChunk>((row) => scoped(row.workspaceId, `${row.jobId}/${row.index}`));
  readonly #results = new MemoryTable<JobChunkResult>((row) => scoped(row.workspaceId, `${row.jobId}/${row.index}`));

  insert(job: Job): Promise<InsertResult> {
    return this.#jobs.insert(job);
  }

  get(workspaceId: string, id: string): Promise<Job | undefined> {
    return this.#jobs.get(scoped(workspaceId, id));
  }

  replace(job: Job): Promise<void> {
    return this.#jobs.put(job);
  }

  listOpen(): Promise<readonly Job[]> {
    return this.#jobs.find((row) => row.open);
  }

  async listForInstance(workspaceId: string, programInstanceId: string, key?: string): Promise<readonly Job[]> {
    const rows = await this.#jobs.find((row) => row.workspaceId === workspaceId && row.programInstanceId === programInstanceId && (key === undefined || row.key === key));
    return rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
  }

  insertChunk(chunk: JobChunk): Promise<InsertResult> {
    return this.#chunks.insert(chunk);
  }

  getChunk(workspaceId: string, jobId: string, index: number): Promise<JobChunk | undefined> {
    return this.#chunks.get(scoped(workspaceId, `${jobId}/${index}`));
  }

  async deleteChunks(workspaceId: string, jobId: string): Promise<void> {
    for (const chunk of await this.#chunks.find((row) => row.workspaceId === workspaceId && row.jobId === jobId)) {
      await this.#chunks.delete(scoped(workspaceId, `${jobId}/${chunk.index}`));
    }
  }

  insertResult(result: JobChunkResult): Promise<InsertResult> {
    return this.#results.insert(result);
  }

  getResult(workspaceId: string, jobId: string, index: number): Promise<JobChunkResult | undefined> {
    return this.#results.get(scoped(workspaceId, `${jobId}/${index}`));
  }

  async listResults(workspaceId: string, jobId: string): Promise<readonly JobChunkResult[]> {
    return (await this.#results.find((row) => row.workspaceId === workspaceId && row.jobId === jobId)).sort((a, b) => a.index - b.index);
  }
}
