import { createHash } from 'node:crypto';
import type { Operation } from './Operation.js';
import { newCuid, newPrefixedId } from './ids.js';

type Prefix = Parameters<typeof newPrefixedId>[0];

/** 32 bytes that depend only on the operation and what the id is for. */
function digest(operation: Operation, purpose: string): Buffer {
  return createHash('sha256').update(`${operation.id}\n${purpose}`).digest();
}

/**
 * A CUID for a record a request creates: random, or derived from the request's operation so that every attempt of one
 * idempotent request names the same record (a second insert of it is then a duplicate, not a second record).
 * @example cuidFor(context.operation, 'enrollment') // 'c…' (25 characters), the same for each attempt
 */
export function cuidFor(operation: Operation | undefined, purpose: string): string {
  if (operation === undefined) return newCuid();
  const digits = BigInt(`0x${digest(operation, purpose).toString('hex')}`).toString(36).padStart(24, '0').slice(-24);
  return `c${digits}`;
}

/** Like {@link cuidFor}, for seed 001's prefixed ids (`key_`, `vpr_`, `bat_` …). */
export function prefixedIdFor(operation: Operation | undefined, prefix: Prefix, purpose: string = prefix): string {
  return operation === undefined ? newPrefixedId(prefix) : `${prefix}_${digest(operation, purpose).toString('hex').slice(0, 24)}`;
}
