import { DUE_KEY_FIELDS, type DueKeys } from '@flexroll/core';

/**
 * The due keys as top-level fields of the enrollment document (ADR 0019), only those given: FerretDB v1 pushes an
 * equality on a top-level string down to PostgreSQL, where the GIN index of ADR 0008 answers it.
 */
export function dueFields(due: DueKeys | undefined): DueKeys {
  return Object.fromEntries(DUE_KEY_FIELDS.flatMap((field) => (due?.[field] === undefined ? [] : [[field, due[field]]])));
}

/** A `$set`/`$unset` update that replaces every due key with these. */
export function dueUpdate(due: DueKeys): { $set: DueKeys; $unset: Record<string, ''> } {
  return { $set: dueFields(due), $unset: Object.fromEntries(DUE_KEY_FIELDS.filter((field) => due[field] === undefined).map((field) => [field, ''])) };
}

/** A stored document without its due keys, which are the store's, not the enrollment's. */
export function withoutDueFields<T extends object>(document: T): T {
  const copy = { ...document };
  for (const field of DUE_KEY_FIELDS) Reflect.deleteProperty(copy, field);
  return copy;
}
