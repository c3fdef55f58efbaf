import { inject, injectable } from 'inversify';
import { ConflictError, FlexrollError, NotFoundError } from '@flexroll/sdk';
import { type Clock, type CoreSettings, newCuid, type CallContext, pageOffset, toPage, type Page, type PageRequest, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { JobRepository } from './ports/JobRepository.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { CHUNK_ROWS, NO_COUNTS, type BulkAction, type BulkFilter, type BulkWhere, type Job, type JobChunk, type RowError, type UploadFormat } from './Job.js';
import { keyedJobId } from './jobIds.js';
import { stageUpload } from './upload/stageUpload.js';
import { DigestingUpload, matchesDigest } from './upload/UploadDigest.js';

/** An import's upload: its format, its bytes as they arrive, and the client's key for the job. */
export interface ImportUpload {
  readonly format: UploadFormat;
  readonly body: AsyncIterable<Uint8Array | string>;
  readonly key?: string;
}

/** A bulk move: the action, which enrollments, and the reason every move records. */
export interface BulkRequest {
  readonly action: BulkAction;
  readonly where?: BulkWhere;
  /** Instead of `where`: the list's filter. */
  readonly filter?: BulkFilter;
  readonly reason?: string;
}

/** What a client sees of a job in the API (the job itself; its errors are paged separately). */
@injectable()
export class JobService {
  constructor(
    @inject(STORE_TOKENS.jobs) private readonly jobs: JobRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  /**
   * Starts an import and stages its rows as they arrive, a chunk at a time (the file is never held whole). With a
   * key, the same key is the same job: an upload that was cut off is continued by sending it again (chunks already
   * staged are not staged twice), and a job already received is returned as it is. A key is one file, as it is one
   * request on every other route: the same key with another file (or format) is a 409 `idempotency_key_reused` —
   * told by the digest the job keeps of the file, or, while it is still arriving, by each chunk already staged.
   * The job is `queued` once the whole body is in; a worker runs it.
   */
  async receiveImport(context: CallContext, programInstanceId: string, upload: ImportUpload): Promise<Job> {
    await this.requireInstance(context, programInstanceId);
    const known = upload.key === undefined ? undefined : await this.jobs.get(context.workspaceId, keyedJobId(context.workspaceId, programInstanceId, 'import', upload.key));
    if (known !== undefined && known.format !== undefined && known.format !== upload.format) throw keyReused(upload.key);
    if (known !== undefined && known.status !== 'receiving') {
      if (known.upload !== undefined && !(await matchesDigest(upload.body, known.upload))) throw keyReused(upload.key);
      return known;
    }
    let columns: string[] | undefined;
    const digesting = new DigestingUpload();
    const staged = stageUpload(digesting.through(upload.body), upload.format, this.limits(), (header) => void (columns = header));
    // The first chunk is read before the job exists: a CSV header that cannot be used is refused with nothing written.
    const first = await staged.next();
    let job = await this.open(context, programInstanceId, 'import', upload.key, { format: upload.format, ...(columns === undefined ? {} : { columns }) });
    if (job.status !== 'receiving') return job;
    let index = 0;
    let received = 0;
    try {
      for (let next = first; next.done !== true; next = await staged.next()) {
        const { rows, lines } = next.value;
        const chunk = { workspaceId: job.workspaceId, jobId: job.id, index, firstRow: index * CHUNK_ROWS + 1, rows, lines };
        if ((await this.jobs.insertChunk(chunk)) === 'duplicate') await this.checkSameChunk(chunk, upload.key);
        index++;
        received += rows.length;
        // The digest so far goes with it, so that a job abandoned part-way still tells its file from another.
        if (index > job.chunks.received) await this.save((job = { ...job, rows: { ...job.rows, received }, chunks: { ...job.chunks, received: index }, upload: digesting.digest(false) }));
      }
    } catch (error) {
      // An upload the client cut off stays `receiving`, to be sent again; one we refused fails, saying why.
      if (FlexrollError.is(error) && error.kind === 'input') {
        await this.save({ ...job, status: 'failed', open: false, error: { code: error.code, message: error.message }, upload: digesting.digest(false), finishedAt: this.now() });
      }
      throw error;
    }
    await this.save((job = { ...job, status: 'queued', rows: { received, total: received, processed: 0 }, chunks: { received: index, processed: 0 }, upload: digesting.digest(true) }));
    return job;
  }

  /** A chunk an earlier sending of this key staged: the file sent again must have the same rows there. */
  private async checkSameChunk(chunk: JobChunk, key: string | undefined): Promise<void> {
    const staged = await this.jobs.getChunk(chunk.workspaceId, chunk.jobId, chunk.index);
    if (staged === undefined) return;
    const same = JSON.stringify(staged.rows) === JSON.stringify(chunk.rows) && (staged.lines === undefined || JSON.stringify(staged.lines) === JSON.stringify(chunk.lines));
    if (!same) throw keyReused(key);
  }

  /** Starts a bulk move (or screening) over the instance's enrollments that match `where`; a worker selects and runs them. */
  async startBulk(context: CallContext, programInstanceId: string, request: BulkRequest, key?: string): Promise<Job> {
    await this.requireInstance(context, programInstanceId);
    if (request.where?.statuses?.length === 0) delete (request.where as { statuses?: unknown }).statuses;
    return this.open(context, programInstanceId, 'bulk', key, {
      action: request.action,
      ...(request.where === undefined ? {} : { where: request.where }),
      ...(request.filter === undefined ? {} : { filter: request.filter }),
      ...(request.reason === undefined ? {} : { reason: request.reason }),
      status: 'queued',
    });
  }

  async get(context: CallContext, id: string): Promise<Job> {
    const job = await this.jobs.get(context.workspaceId, id);
    if (job === undefined) throw new NotFoundError('job', id);
    return job;
  }

  /** The rows that could not be done, in row order, a page at a time. */
  async errors(context: CallContext, id: string, page: PageRequest): Promise<Page<RowError>> {
    const job = await this.get(context, id);
    const results = await this.jobs.listResults(job.workspaceId, job.id);
    const all = results.flatMap((result) => result.errors);
    const offset = pageOffset(page);
    return toPage(all.slice(offset, offset + page.perPage), page, all.length);
  }

  /** The instance's jobs, newest first; with a key, the one it names (if any). */
  async list(context: CallContext, programInstanceId: string, key?: string): Promise<readonly Job[]> {
    await this.requireInstance(context, programInstanceId);
    return this.jobs.listForInstance(context.workspaceId, programInstanceId, key);
  }

  private async open(context: CallContext, programInstanceId: string, kind: Job['kind'], key: string | undefined, fields: Partial<Job>): Promise<Job> {
    const now = this.now();
    const job: Job = {
      id: key === undefined ? newCuid() : keyedJobId(context.workspaceId, programInstanceId, kind, key),
      workspaceId: context.workspaceId,
      programInstanceId,
      kind,
      ...(key === undefined ? {} : { key }),
      actor: context.actor,
      liveMode: context.liveMode,
      status: 'receiving',
      open: true,
      rows: { received: 0, processed: 0 },
      chunks: { received: 0, processed: 0 },
      counts: NO_COUNTS,
      createdAt: now,
      updatedAt: now,
      ...fields,
    };
    if ((await this.jobs.insert(job)) === 'inserted') return job;
    return this.get(context, job.id);
  }

  private save(job: Job): Promise<void> {
    return this.jobs.replace({ ...job, updatedAt: this.now() });
  }

  private async requireInstance(context: CallContext, id: string): Promise<void> {
    if ((await this.instances.get(context.workspaceId, id)) === undefined) throw new NotFoundError('program_instance', id);
  }

  private limits() {
    return { maxBytes: this.settings.uploadMaxBytes, maxRows: this.settings.uploadMaxRows, maxRowChars: this.settings.uploadMaxRowChars };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/** The same `Idempotency-Key` as an import of another file: refused as every route refuses a key reused. */
function keyReused(key: string | undefined): ConflictError {
  return new ConflictError('idempotency_key_reused', `Idempotency-Key '${key ?? ''}' was already used with a different file.`);
}
