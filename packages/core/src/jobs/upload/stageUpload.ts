import { InputError } from '@flexroll/sdk';
import { CHUNK_ROWS, type UploadFormat } from '../Job.js';
import { checkCsvHeader } from '../import/normaliseRow.js';
import { checkRequiredColumns } from '../import/requiredColumns.js';
import { csvRecords } from './csvRecords.js';
import { decodeText, ndjsonRecords, type UploadRecord } from './textLines.js';

/** How much one upload may hold (CoreSettings). */
export interface UploadLimits {
  readonly maxBytes: number;
  readonly maxRows: number;
  readonly maxRowChars: number;
}

/** A chunk's worth of staged rows: JSON text per row (`!reason` when it could not be read) and the line each starts on. */
export interface StagedRows {
  readonly rows: string[];
  readonly lines: number[];
}

/** Thrown when an upload goes over a limit; the API answers 413. */
export class UploadTooLargeError extends InputError {
  constructor(message: string, field: string) {
    super(message, [{ field, rule: 'max_size', message }]);
  }
}

/**
 * Reads an upload as it arrives and hands it on {@link CHUNK_ROWS} rows at a time, so that memory holds one chunk,
 * never the file. A CSV's first record is its header, checked before any row is staged (`onHeader`): every column
 * known, none twice, none that every row requires missing ({@link checkRequiredColumns}). The byte and
 * row limits stop the upload with an {@link UploadTooLargeError}.
 */
export async function* stageUpload(body: AsyncIterable<Uint8Array | string>, format: UploadFormat, limits: UploadLimits, onHeader: (columns: string[]) => void): AsyncGenerator<StagedRows> {
  const text = decodeText(countBytes(body, limits.maxBytes));
  const records = format === 'csv' ? csvRecords(text, limits.maxRowChars) : ndjsonRecords(text, limits.maxRowChars);
  let batch: StagedRows = { rows: [], lines: [] };
  let count = 0;
  let header: readonly string[] | undefined;
  for await (const record of records) {
    if (format === 'csv' && header === undefined) {
      if (record.fields === undefined) throw new InputError('The CSV header could not be read', [{ field: '/columns', rule: 'csv', message: record.problem ?? 'is not CSV' }]);
      header = record.fields;
      checkCsvHeader(header);
      checkRequiredColumns(header);
      onHeader([...header]);
      continue;
    }
    if (++count > limits.maxRows) throw new UploadTooLargeError(`An upload may hold at most ${limits.maxRows} rows.`, '/rows');
    batch.rows.push(stagedText(record, header));
    batch.lines.push(record.line);
    if (batch.rows.length === CHUNK_ROWS) {
      yield batch;
      batch = { rows: [], lines: [] };
    }
  }
  if (format === 'csv' && header === undefined) throw new InputError('The CSV file is empty', [{ field: '/columns', rule: 'required', message: 'the first line must name the columns' }]);
  if (batch.rows.length > 0) yield batch;
}

function stagedText(record: UploadRecord, header: readonly string[] | undefined): string {
  if (record.problem !== undefined) return `!The row ${record.problem}.`;
  if (record.fields === undefined) return record.text ?? '!The row is empty.';
  if (header !== undefined && record.fields.length !== header.length) return `!The row has ${record.fields.length} cells, but the header names ${header.length} columns.`;
  return JSON.stringify(record.fields);
}

async function* countBytes(body: AsyncIterable<Uint8Array | string>, maxBytes: number): AsyncGenerator<Uint8Array | string> {
  let bytes = 0;
  for await (const part of body) {
    bytes += typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength;
    if (bytes > maxBytes) throw new UploadTooLargeError(`An upload may be at most ${maxBytes} bytes.`, '/');
    yield part;
  }
}
