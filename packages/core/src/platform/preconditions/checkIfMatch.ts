import type { IfMatch } from './IfMatch.js';
import { PreconditionFailedError } from './PreconditionFailedError.js';

/** A version's entity tag: the version number, quoted, strong (`"7"`). */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Throws {@link PreconditionFailedError} unless `ifMatch` names `version` (or is `*`, or absent). Callers check it on
 * the copy they are about to write over, inside the write's own guard (the `(enrollmentId, seq)` or version insert),
 * so a writer that wins the guard wrote over exactly the version it named.
 */
export function checkIfMatch(ifMatch: IfMatch | undefined, version: number, what: string): void {
  if (ifMatch === undefined || ifMatch.any) return;
  if (ifMatch.tags.includes(String(version))) return;
  throw new PreconditionFailedError(etagOf(version), what);
}
