import { createHash } from 'node:crypto';

/** A CUID-shaped id (a letter, then 24 base-36 digits) derived from its parts: the same parts always give the same id. */
function derivedCuid(...parts: readonly string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return `c${BigInt(`0x${digest.subarray(0, 16).toString('hex')}`).toString(36).padStart(25, '0').slice(-24)}`;
}

/**
 * The enrollment an import row creates: fixed by the workspace, the instance and the row's key (its referenceId or
 * rowKey). So a row's enrollment can be created only once — the event log's unique `(enrollmentId, seq)` insert is
 * the row claim — and a rerun of the same file finds the enrollments it made instead of making new ones.
 */
export function importedEnrollmentId(workspaceId: string, programInstanceId: string, key: string): string {
  return derivedCuid('import', workspaceId, programInstanceId, key);
}

/** The job a client's key names: the same key on the same instance is the same job. */
export function keyedJobId(workspaceId: string, programInstanceId: string, kind: string, key: string): string {
  return derivedCuid('job', workspaceId, programInstanceId, kind, key);
}
