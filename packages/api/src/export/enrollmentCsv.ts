import type { Enrollment } from '@flexroll/core';
import { csvRecord } from './csvCell.js';

/** The export's columns, in order: each a header and how an enrollment fills it (an empty cell where it has none). */
const COLUMNS: ReadonlyArray<readonly [header: string, cell: (enrollment: Enrollment) => string | undefined]> = [
  ['id', (e) => e.id],
  ['referenceId', (e) => e.referenceId],
  ['status', (e) => e.eligibility.status],
  ['statusReason', (e) => e.eligibility.reason],
  ['participationId', (e) => e.participation?.id],
  ['participationState', (e) => e.participation?.state],
  ['firstName', (e) => e.firstName],
  ['lastName', (e) => e.lastName],
  ['email', (e) => e.email],
  ['phone', (e) => e.phone],
  ['streetOne', (e) => e.address?.streetOne],
  ['streetTwo', (e) => e.address?.streetTwo],
  ['city', (e) => e.address?.city],
  ['state', (e) => e.address?.state],
  ['postalCode', (e) => e.address?.postalCode],
  ['country', (e) => e.address?.country],
  ['manufacturerSlugs', (e) => e.manufacturerSlugs?.join(';')],
  ['serialNumber', (e) => e.serialNumber],
  ['tags', (e) => e.tags?.join(';')],
  ['openDeadlineExpectedAt', (e) => e.participation?.deadlines?.open?.expectedAt],
  ['createdAt', (e) => e.createdAt],
  ['updatedAt', (e) => e.updatedAt],
];

export const ENROLLMENT_CSV_HEADERS: readonly string[] = COLUMNS.map(([header]) => header);

export function enrollmentCsvHeader(): string {
  return csvRecord(ENROLLMENT_CSV_HEADERS);
}

export function enrollmentCsvRow(enrollment: Enrollment): string {
  return csvRecord(COLUMNS.map(([, cell]) => cell(enrollment) ?? ''));
}
