import type { InsertResult, Job, JobChunk, JobChunkResult, JobRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertManyUnique } from '../documents/insertManyUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** Jobs, their chunks and results, each read by top-level equality (what FerretDB v1 pushes down). */
export class MongoJobRepository implements JobRepository {
  constructor(
    private readonly jobs: Model<StoredDocument>,
    private readonly chunks: Model<StoredDocument>,
    private readonly results: Model<StoredDocument>,
  ) {}

  async insert(job: Job): Promise<InsertResult> {
    return (await insertManyUnique(this.jobs, [toDocument(job)]))[0]!;
  }

  async get(workspaceId: string, id: string): Promise<Job | undefined> {
    const document = await this.jobs.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromDocument<Job>(document);
  }

  async replace(job: Job): Promise<void> {
    await this.jobs.collection.replaceOne({ _id: job.id as never, workspaceId: job.workspaceId }, toDocument(job));
  }

  async listOpen(): Promise<readonly Job[]> {
    return (await this.jobs.find({ open: true }).lean()).map((document) => fromDocument<Job>(document));
  }

  async listForInstance(workspaceId: string, programInstanceId: string, key?: string): Promise<readonly Job[]> {
    const filter = { workspaceId, programInstanceId, ...(key === undefined ? {} : { key }) };
    const found = (await this.jobs.find(filter).lean()).map((document) => fromDocument<Job>(document));
    return found.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
  }

  async insertChunk(chunk: JobChunk): Promise<InsertResult> {
    return (await insertManyUnique(this.chunks, [{ _id: `${chunk.jobId}:${chunk.index}`, ...toDocument(chunk) }]))[0]!;
  }

  async getChunk(workspaceId: string, jobId: string, index: number): Promise<JobChunk | undefined> {
    const document = await this.chunks.findOne({ _id: `${jobId}:${index}`, workspaceId }).lean();
    return document === null ? undefined : fromDocument<JobChunk>(document, 'none');
  }

  async deleteChunks(workspaceId: string, jobId: string): Promise<void> {
    await this.chunks.deleteMany({ jobId, workspaceId });
  }

  async insertResult(result: JobChunkResult): Promise<InsertResult> {
    return (await insertManyUnique(this.results, [{ _id: `${result.jobId}:${result.index}`, ...toDocument(result) }]))[0]!;
  }

  async getResult(workspaceId: string, jobId: string, index: number): Promise<JobChunkResult | undefined> {
    const document = await this.results.findOne({ _id: `${jobId}:${index}`, workspaceId }).lean();
    return document === null ? undefined : fromDocument<JobChunkResult>(document, 'none');
  }

  async listResults(workspaceId: string, jobId: string): Promise<readonly JobChunkResult[]> {
    const found = (await this.results.find({ jobId, workspaceId }).lean()).map((document) => fromDocument<JobChunkResult>(document, 'none'));
    return found.sort((a, b) => a.index - b.index);
  }
}
