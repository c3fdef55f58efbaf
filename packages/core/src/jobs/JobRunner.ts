import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { type Clock, type CoreSettings, type BackgroundTask, type CoreLogger, type Lease, retriedWork, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import { ChangeRunner, type EnrollmentProjectionRepository } from '../enrollments/index.js';
import { EligibilityScreening } from '../screening/index.js';
import type { DeliveryAttemptRepository } from '../webhooks/index.js';
import type { JobRepository } from './ports/JobRepository.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { BULK_SOURCES, BulkChunkProcessor, bulkFilterOf } from './bulk/BulkChunkProcessor.js';
import { ImportChunkProcessor, type ChunkOutcome } from './import/ImportChunkProcessor.js';
import { addCounts, CHUNK_ROWS, NO_COUNTS, type Job, type JobCounts } from './Job.js';
import { JobLease } from './JobLease.js';
import { jobOutcome } from './jobOutcome.js';

/**
 * Runs imports and bulk moves (a background task: `flexroll worker`, and `flexroll serve` on the embedded store).
 * A job is taken with a lease renewed while it runs ({@link JobLease}); it is worked chunk by chunk, and each chunk's result is
 * inserted once (unique per chunk), so a job resumes after a crash at the first chunk without a result, whichever
 * worker picks it up, and no chunk is counted twice. Rows themselves are idempotent (an import row's enrollment id
 * comes from its key; a bulk move finds a move already made and skips it), so a chunk done twice writes nothing twice.
 */
@injectable()
export class JobRunner implements BackgroundTask {
  readonly name = 'jobs';
  readonly #lease: JobLease;

  constructor(
    @inject(STORE_TOKENS.jobs) private readonly jobs: JobRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(STORE_TOKENS.deliveryAttempts) attempts: DeliveryAttemptRepository,
    @inject(new LazyServiceIdentifier(() => ChangeRunner)) private readonly changes: ChangeRunner,
    @inject(new LazyServiceIdentifier(() => EligibilityScreening)) private readonly screening: EligibilityScreening,
    @inject(ImportChunkProcessor) private readonly imports: ImportChunkProcessor,
    @inject(BulkChunkProcessor) private readonly bulk: BulkChunkProcessor,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
  ) {
    this.#lease = new JobLease(attempts, clock, retriedWork(settings).jobs.leaseMs);
  }

  get intervalMs(): number {
    return this.settings.jobIntervalMs;
  }

  /** Works every open job this worker can take now; the number of rows it processed. */
  async runOnce(): Promise<number> {
    let rows = 0;
    for (const job of await this.jobs.listOpen()) rows += await this.runJob(job);
    return rows;
  }

  /** Works one job as far as its lease allows (to the end, usually); rows processed. */
  async runJob(job: Job): Promise<number> {
    if (job.status === 'receiving') return this.abandonIfIdle(job);
    const lease = await this.#lease.take(job);
    if (lease === undefined) return 0;
    // A run that throws keeps its lease: like a crash, the job waits for it to run out and resumes where it stopped.
    const worked = await lease.whileHeld(() => this.work(job, lease));
    if (lease.held) await this.#lease.release(lease);
    return worked;
  }

  /** The job's chunks, two lanes at once, while the lease holds; rows processed. */
  private async work(job: Job, lease: Lease): Promise<number> {
    const fresh = await this.jobs.get(job.workspaceId, job.id);
    if (fresh === undefined || !fresh.open) return 0;
    job = fresh;
    const instance = await this.instances.get(job.workspaceId, job.programInstanceId);
    if (instance === undefined) return this.fail(job, 'program_instance_not_found', 'The program instance was deleted.');
    const rules = this.changes.rulesForInstance(instance);
    const ruleSet = await this.screening.rulesInForce(rules);
    let current = job.rows.total === undefined ? await this.select(job) : job;
    const done = new Map((await this.jobs.listResults(job.workspaceId, job.id)).map((result) => [result.index, result]));
    let counts = [...done.values()].reduce<JobCounts>((sum, result) => addCounts(sum, result.counts), NO_COUNTS);
    let processed = [...done.values()].reduce((sum, result) => sum + result.rows, 0);
    if (current.status === 'queued') current = await this.save({ ...current, status: 'running', startedAt: this.now() });
    let worked = 0;
    let lost = false;
    const pending = Array.from({ length: current.chunks.received }, (_, index) => index).filter((index) => !done.has(index));
    // Two chunks at a time: the store works on one while this process prepares the other.
    const lane = async () => {
      for (let index = pending.shift(); index !== undefined && !lost; index = pending.shift()) {
        if (!lease.held) return void (lost = true);
        const job = current;
        const result = await this.chunk(job, index, (chunk) => (job.kind === 'import' ? this.imports.process(job, chunk, job.columns, rules, ruleSet) : this.bulk.process(job, chunk)));
        if (result === undefined) continue;
        done.set(index, result);
        counts = addCounts(counts, result.counts);
        processed += result.rows;
        worked += result.rows;
        current = await this.save({ ...current, counts, rows: { ...current.rows, processed }, chunks: { ...current.chunks, processed: firstMissing(done) } });
      }
    };
    await Promise.all([lane(), lane()]);
    if (lost) return worked;
    const outcome = jobOutcome(current, counts, processed, done.values());
    await this.save({ ...current, ...outcome, open: false, counts, rows: { ...current.rows, processed }, finishedAt: this.now() });
    await this.jobs.deleteChunks(job.workspaceId, job.id);
    const facts = { workspaceId: job.workspaceId, jobId: job.id, kind: job.kind, rows: processed };
    if (outcome.status === 'completed') this.logger.info('job completed', facts);
    else this.logger.warn('job failed', { ...facts, code: outcome.error?.code });
    return worked;
  }

  /** One chunk, once (the two lanes share this process's job document, written by one of them at a time): its result is inserted, or another worker's is read back. */
  private async chunk(job: Job, index: number, process: (chunk: NonNullable<Awaited<ReturnType<JobRepository['getChunk']>>>) => Promise<ChunkOutcome>) {
    const chunk = await this.jobs.getChunk(job.workspaceId, job.id, index);
    if (chunk === undefined) return this.jobs.getResult(job.workspaceId, job.id, index);
    const outcome = await process(chunk);
    const result = { workspaceId: job.workspaceId, jobId: job.id, index, rows: chunk.rows.length, counts: outcome.counts, errors: outcome.errors, processedAt: this.now() };
    if ((await this.jobs.insertResult(result)) === 'inserted') return result;
    return this.jobs.getResult(job.workspaceId, job.id, index);
  }

  /** A bulk job's selection, staged as chunks of enrollment ids (sorted, so two workers stage the same chunks). */
  private async select(job: Job): Promise<Job> {
    const where = job.where;
    const ids = [...(await this.projections.listIds(job.workspaceId, job.filter !== undefined ? { ...bulkFilterOf(job.filter, job.action!), programInstanceId: job.programInstanceId } : {
      programInstanceId: job.programInstanceId,
      statuses: where?.statuses ?? BULK_SOURCES[job.action!],
      ...(where?.tags === undefined ? {} : { tags: where.tags }),
      ...(where?.referenceIds === undefined ? {} : { referenceIds: where.referenceIds }),
    }))].sort();
    let index = 0;
    for (let start = 0; start < ids.length; start += CHUNK_ROWS, index++) {
      await this.jobs.insertChunk({ workspaceId: job.workspaceId, jobId: job.id, index, firstRow: start + 1, rows: ids.slice(start, start + CHUNK_ROWS) });
    }
    return this.save({ ...job, rows: { received: ids.length, total: ids.length, processed: 0 }, chunks: { received: index, processed: 0 } });
  }

  private async abandonIfIdle(job: Job): Promise<number> {
    if (Date.parse(job.updatedAt) + this.settings.uploadIdleMs > this.clock.now().getTime()) return 0;
    const lease = await this.#lease.take(job);
    if (lease === undefined) return 0;
    await this.fail(job, 'upload_abandoned', `The upload stopped at row ${job.rows.received} and was not sent again within ${this.settings.uploadIdleMs / 60_000} minutes.`);
    await this.#lease.release(lease);
    return 0;
  }

  private async fail(job: Job, code: string, message: string): Promise<number> {
    await this.save({ ...job, status: 'failed', open: false, error: { code, message }, finishedAt: this.now() });
    await this.jobs.deleteChunks(job.workspaceId, job.id);
    this.logger.warn('job failed', { workspaceId: job.workspaceId, jobId: job.id, code });
    return 0;
  }

  private async save(job: Job): Promise<Job> {
    const saved = { ...job, updatedAt: this.now() };
    await this.jobs.replace(saved);
    return saved;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/** The number of chunks done without a gap from the first: the job's progress hint. */
function firstMissing(done: ReadonlyMap<number, unknown>): number {
  let index = 0;
  while (done.has(index)) index++;
  return index;
}
