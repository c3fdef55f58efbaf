import type { EnrollmentStatus } from '@flexroll/sdk';
import type { Actor, EnrollmentFilter } from '../enrollments/index.js';
import type { UploadDigest } from './upload/UploadDigest.js';

/** What a bulk job does to each enrollment it selects: seed 004's moves, or screening again under the rules in force. */
export const BULK_ACTIONS = ['approve', 'reject', 'unenroll', 'evaluate'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** The status each move leads to. */
export const BULK_TARGETS: Readonly<Record<Exclude<BulkAction, 'evaluate'>, EnrollmentStatus>> = { approve: 'approved', reject: 'rejected', unenroll: 'unenrolled' };

export const UPLOAD_FORMATS = ['csv', 'ndjson'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

/** Which enrollments of the instance a bulk job acts on: all of the given statuses, tags and reference ids. */
export interface BulkWhere {
  readonly statuses?: readonly EnrollmentStatus[];
  readonly tags?: readonly string[];
  readonly referenceIds?: readonly string[];
}

/**
 * Which enrollments of the instance a bulk job acts on, given as the list's filter (issue 21: the console acts on the
 * set it shows): `query` as the client sent it (the list query's names and forms, echoed on the job), `resolved` the
 * filter it came to — an `overdue=true` resolved once, at the start, to the enrollments then overdue.
 */
export interface BulkFilter {
  readonly query: Readonly<Record<string, string>>;
  readonly resolved: Omit<EnrollmentFilter, 'programInstanceId' | 'includeDeleted' | 'participationId'>;
}

/**
 * receiving → (queued) → running → completed, or failed. An import is `receiving` while its file is uploaded, and an
 * interrupted upload stays so until the same upload (same `Idempotency-Key`) is sent again. A job that ran to its
 * end is `completed` when at least one row was done (or there was none to do), and `failed` with `every_row_failed`
 * when every row it processed failed; a job that could not run at all is `failed` too, with its own code.
 */
export type JobStatus = 'receiving' | 'queued' | 'running' | 'completed' | 'failed';

/** What the rows came to. Imports count created/updated/unchanged (and the screening's eligible/ineligible); bulk jobs moved/skipped. */
export interface JobCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly eligible: number;
  readonly ineligible: number;
  readonly moved: number;
  readonly skipped: number;
  readonly failed: number;
}

export const NO_COUNTS: JobCounts = { created: 0, updated: 0, unchanged: 0, eligible: 0, ineligible: 0, moved: 0, skipped: 0, failed: 0 };

export function addCounts(a: JobCounts, b: JobCounts): JobCounts {
  return Object.fromEntries(Object.entries(a).map(([name, value]) => [name, value + b[name as keyof JobCounts]])) as unknown as JobCounts;
}

/** An asynchronous job over many enrollments of one program instance: a bulk import or a bulk move. */
export interface Job {
  readonly id: string;
  readonly workspaceId: string;
  readonly programInstanceId: string;
  readonly kind: 'import' | 'bulk';
  /** The client's `Idempotency-Key`: the same key gives the same job. */
  readonly key?: string;
  readonly format?: UploadFormat;
  /** A CSV import's header, as the file wrote it. */
  readonly columns?: readonly string[];
  /** An import's file, as a digest: what a repeat with the same key must send again (never shown). */
  readonly upload?: UploadDigest;
  readonly action?: BulkAction;
  readonly where?: BulkWhere;
  /** Instead of `where`: the list's filter (never both). */
  readonly filter?: BulkFilter;
  readonly reason?: string;
  /** Who asked for it; every change the job makes is theirs, from source `import:<jobId>:<row>` or `bulk:<jobId>`. */
  readonly actor: Actor;
  readonly liveMode: boolean;
  readonly status: JobStatus;
  /** True until the job is completed or failed: what workers look for. */
  readonly open: boolean;
  /** Rows received (all of them once `total` is known), and rows processed. */
  readonly rows: { readonly received: number; readonly total?: number; readonly processed: number };
  /** Staged chunks of rows: received, and processed (a hint; each chunk's result is the truth). */
  readonly chunks: { readonly received: number; readonly processed: number };
  readonly counts: JobCounts;
  readonly error?: JobError;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
}

/** Why a job failed; when every row failed, its first row errors (all of them are paged by `JobService.errors`). */
export interface JobError {
  readonly code: string;
  readonly message: string;
  readonly details?: readonly RowError[];
}

/** Up to {@link CHUNK_ROWS} staged rows: for an import the rows as JSON text (a problem found while reading starts with `!`), for a bulk job enrollment ids. */
export interface JobChunk {
  readonly workspaceId: string;
  readonly jobId: string;
  readonly index: number;
  /** The 1-based number of the chunk's first row. */
  readonly firstRow: number;
  readonly rows: readonly string[];
  /** For an import: the line of the file each row starts on. */
  readonly lines?: readonly number[];
}

/** One row that could not be done: which row, which field, what is wrong. */
export interface RowError {
  readonly row: number;
  readonly line?: number;
  /** A JSON pointer into the row, in the file's own field names (`/` for the row as a whole). */
  readonly field: string;
  /** The rule the row broke (`required`, `format`, `unique_key`, `illegal_transition`, …); absent on errors recorded before rules were. */
  readonly rule?: string;
  readonly message: string;
  readonly referenceId?: string;
  readonly enrollmentId?: string;
}

/** What processing one chunk came to; inserted once per chunk, so a chunk is never counted twice. */
export interface JobChunkResult {
  readonly workspaceId: string;
  readonly jobId: string;
  readonly index: number;
  /** How many rows the chunk held. */
  readonly rows: number;
  readonly counts: JobCounts;
  readonly errors: readonly RowError[];
  readonly processedAt: string;
}

/** Rows per staged chunk: one store round trip per this many rows. */
export const CHUNK_ROWS = 500;
