import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { FlexrollError, type FieldIssue } from '@flexroll/sdk';
import { ENROLLMENT_INPUT_SCHEMA, type InstanceRules, EnrollmentLog, type CreateEnrollmentInput, DeviceClaims, EnrollmentCreation, type NewEnrollment, ChangeRunner } from '../../enrollments/index.js';
import type { VersionedEligibilityRules } from '../../screening/index.js';
import { compileSchema, storableShapeIssue } from '../../platform/index.js';
import { addCounts, NO_COUNTS, type Job, type JobChunk, type JobCounts, type RowError } from '../Job.js';
import { jobContext, rowAuthor } from '../JobContext.js';
import { isRowRefusal } from '../rowRefusal.js';
import { importedEnrollmentId } from '../jobIds.js';
import { ExistingRowHandler, type RowProblem } from './ExistingRowHandler.js';
import { screened } from './screenedCounts.js';
import { csvRow, checkCsvHeader, jsonRow, originalField, type NormalisedRow } from './normaliseRow.js';

const checkRow = compileSchema(ENROLLMENT_INPUT_SCHEMA);

/** A row that passed its checks and is ready to become an enrollment. */
interface ReadyRow {
  readonly row: number;
  readonly line: number;
  readonly key: string;
  readonly enrollment: NewEnrollment;
  readonly input: NormalisedRow;
}

/** What one chunk came to. */
export interface ChunkOutcome {
  readonly counts: JobCounts;
  readonly errors: RowError[];
}

/**
 * Turns a chunk of staged rows into enrollments: each row is read in either casing, checked against the same schema
 * as `POST …/enrollments`, then resolved, made and screened by the same {@link EnrollmentCreation} as a POST, and
 * created with its screening in one batch — all the chunk's new enrollments in three bulk writes. A row's enrollment
 * id comes from its key, so a row already imported (a rerun, or this chunk again after a crash) is found, not created
 * again, and is updated with the row's data instead.
 */
@injectable()
export class ImportChunkProcessor {
  constructor(
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(new LazyServiceIdentifier(() => EnrollmentCreation)) private readonly creation: EnrollmentCreation,
    @inject(new LazyServiceIdentifier(() => DeviceClaims)) private readonly claims: DeviceClaims,
    @inject(ExistingRowHandler) private readonly existing: ExistingRowHandler,
    @inject(new LazyServiceIdentifier(() => ChangeRunner)) private readonly runner: ChangeRunner,
  ) {}

  async process(job: Job, chunk: JobChunk, columns: readonly string[] | undefined, rules: InstanceRules, ruleSet: VersionedEligibilityRules | undefined): Promise<ChunkOutcome> {
    const errors: RowError[] = [];
    const paths = columns === undefined ? undefined : checkCsvHeader(columns);
    const ready: ReadyRow[] = [];
    const keys = new Map<string, number>();
    await Promise.all(
      chunk.rows.map(async (text, index) => {
        const row = chunk.firstRow + index;
        const line = chunk.lines?.[index] ?? row;
        const prepared = await this.prepare(job, text, row, line, paths, columns);
        if (!('key' in prepared)) return void errors.push(...prepared);
        ready.push(prepared);
      }),
    );
    ready.sort((a, b) => a.row - b.row);
    const unique = ready.filter((item) => {
      const first = keys.get(item.key);
      if (first === undefined) return keys.set(item.key, item.row), true;
      errors.push(rowError(item, { field: '/referenceId', rule: 'unique_key', message: `repeats the key '${item.key}' of row ${first} in this file; the first row wins` }));
      return false;
    });
    let counts = await this.create(job, unique, rules, ruleSet, errors);
    counts = addCounts(counts, { ...NO_COUNTS, failed: new Set(errors.map((error) => error.row)).size });
    errors.sort((a, b) => a.row - b.row);
    return { counts, errors };
  }

  /** Reads, checks and resolves one row: a ready row, or its errors. */
  private async prepare(job: Job, text: string, row: number, line: number, paths: ReturnType<typeof checkCsvHeader> | undefined, columns: readonly string[] | undefined): Promise<ReadyRow | RowError[]> {
    const at = { row, line };
    if (text.startsWith('!')) return [{ ...at, field: '/', rule: 'readable', message: text.slice(1) }];
    const input = readRow(text, paths, columns);
    if (input === undefined) return [{ ...at, field: '/', rule: 'type', message: 'is not a JSON object' }];
    const { rowKey, ...fields } = input.value;
    const referenceId = typeof fields.referenceId === 'string' ? fields.referenceId : undefined;
    // A CSV field or an NDJSON value that no store could keep (a NUL, an array in an array) is the row's error, not the job's.
    const unstorable = storableShapeIssue(input.value);
    const issues: FieldIssue[] = unstorable === undefined ? checkRow(fields) : [unstorable];
    if (rowKey !== undefined && (typeof rowKey !== 'string' || rowKey === '' || rowKey.length > 200)) issues.push({ field: '/rowKey', rule: 'type', message: 'must be a string of 1–200 characters' });
    const key = typeof rowKey === 'string' && rowKey !== '' ? rowKey : referenceId;
    if (key === undefined && issues.length === 0) issues.push({ field: '/referenceId', rule: 'required', message: 'is required in an import (or a rowKey): it is what makes a rerun create nothing twice' });
    const fail = (found: readonly FieldIssue[]) => found.map((issue) => ({ ...at, field: originalField(input, issue.field), rule: issue.rule, message: issue.message, ...(referenceId === undefined ? {} : { referenceId }) }));
    if (issues.length > 0) return fail(issues);
    try {
      const context = jobContext(job, `import:${job.id}:${row}`);
      const data = await this.creation.resolve(context, job.programInstanceId, fields as unknown as CreateEnrollmentInput);
      const enrollment = this.creation.record(context, importedEnrollmentId(job.workspaceId, job.programInstanceId, key!), data);
      return { ...at, key: key!, enrollment, input };
    } catch (error) {
      if (isRowRefusal(error)) return fail(error.details.length > 0 ? error.details : [{ field: '/', rule: error.code, message: error.message }]);
      throw error;
    }
  }

  /** Creates the new rows' enrollments in bulk; rows already imported go to the {@link ExistingRowHandler}. */
  private async create(job: Job, rows: readonly ReadyRow[], rules: InstanceRules, ruleSet: VersionedEligibilityRules | undefined, errors: RowError[]): Promise<JobCounts> {
    const claimed = await this.claimDevices(job, rows, errors);
    const items = await Promise.all(
      claimed.map(async (item) => {
        const drafts = await this.creation.opening(item.enrollment, rules, ruleSet);
        return { enrollmentId: item.enrollment.id, author: rowAuthor(job, item.row), drafts };
      }),
    );
    const results = await this.log.createMany(job.workspaceId, items);
    let counts = NO_COUNTS;
    for (const [index, result] of results.entries()) {
      const item = claimed[index]!;
      if (result !== 'duplicate') {
        counts = addCounts(counts, { ...NO_COUNTS, created: 1, ...screened(result.enrollment) });
        await this.runner.followImportedCreation(result.events, rules);
      }
      else {
        const outcome = await this.existing.handle(job, item.row, item.enrollment, item.input);
        if ('message' in outcome) errors.push(rowError(item, outcome, item.enrollment.id));
        else counts = addCounts(counts, { ...NO_COUNTS, ...outcome });
      }
    }
    return counts;
  }

  /** Each device's claim ("one active enrollment per device per instance"); a device held by another enrollment is the row's error. */
  private async claimDevices(job: Job, rows: readonly ReadyRow[], errors: RowError[]): Promise<ReadyRow[]> {
    const held = await Promise.all(
      rows.map(async (item) => {
        const { id, serialNumber } = item.enrollment;
        if (serialNumber === undefined) return item;
        try {
          // A claim held by this row's own enrollment (from an earlier run) is replaced, not refused.
          await this.claims.claim(job.workspaceId, job.programInstanceId, serialNumber, id);
          return item;
        } catch (error) {
          if (!FlexrollError.is(error) || error.kind !== 'conflict') throw error;
          errors.push(rowError(item, { field: '/serialNumber', rule: error.details[0]?.rule ?? error.code, message: error.message }));
          return undefined;
        }
      }),
    );
    return held.filter((item): item is ReadyRow => item !== undefined);
  }
}

function rowError(item: Pick<ReadyRow, 'row' | 'line' | 'input'>, problem: RowProblem, enrollmentId?: string): RowError {
  const referenceId = item.input.value.referenceId;
  return {
    row: item.row,
    line: item.line,
    field: originalField(item.input, problem.field),
    rule: problem.rule,
    message: problem.message,
    ...(typeof referenceId === 'string' ? { referenceId } : {}),
    ...(enrollmentId === undefined ? {} : { enrollmentId }),
  };
}

function readRow(text: string, paths: ReturnType<typeof checkCsvHeader> | undefined, columns: readonly string[] | undefined): NormalisedRow | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (paths !== undefined && columns !== undefined && Array.isArray(parsed)) return csvRow(paths, columns, parsed.map(String));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  return jsonRow(parsed as Record<string, unknown>);
}
