import { InputError, type FieldIssue } from '@flexroll/sdk';
import { ENROLLMENT_INPUT_SCHEMA, IDENTIFICATION_TYPES } from '../../enrollments/index.js';
import { columnPath } from './normaliseRow.js';

/** The fields seed 004's POST requires of every body, whatever its identification type: `identificationType`. */
const REQUIRED_OF_EVERY_ROW: readonly string[] = ENROLLMENT_INPUT_SCHEMA.required ?? [];

/** The columns either of which gives a row its key: what makes a rerun of the file create nothing twice. */
const KEY_COLUMNS = ['referenceId', 'rowKey'] as const;

/** Thrown when a CSV header lacks a column every row requires; the API answers 400 `validation_failed`. */
export class MissingColumnsError extends InputError {
  constructor(issues: readonly FieldIssue[]) {
    super(`The CSV header lacks a column every row requires, so every row would fail: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`, issues);
  }
}

/**
 * Refuses a CSV header without a column that every row needs — its `identificationType`, and its key (`referenceId`
 * or `rowKey`) — before any row is staged or any job made: such a file could only end with every row failed. A column
 * that is there but empty in some rows is those rows' error, as is any field only some identification types require.
 * (Checked at upload only: a job staged before this check ran keeps running, row by row.)
 */
export function checkRequiredColumns(header: readonly string[]): void {
  const filled = new Set(header.map((name) => columnPath(name)?.join('.')));
  const issues: FieldIssue[] = REQUIRED_OF_EVERY_ROW.filter((field) => !filled.has(field)).map((field) => ({
    field: `/columns/${field}`,
    rule: 'required',
    message: field === 'identificationType' ? `is missing: every row needs one (${IDENTIFICATION_TYPES.join(', ')})` : 'is missing: every row needs one',
  }));
  if (!KEY_COLUMNS.some((field) => filled.has(field))) {
    issues.push({ field: '/columns/referenceId', rule: 'required', message: 'is missing, and so is rowKey: every row of an import needs a referenceId (or a rowKey), which is what makes a rerun create nothing twice' });
  }
  if (issues.length > 0) throw new MissingColumnsError(issues);
}
