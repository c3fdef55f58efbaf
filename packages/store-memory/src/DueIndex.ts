import { DUE_KEY_FIELDS, type DueKeyField, type DueKeys } from '@flexroll/core';
import { scoped } from './memoryKeys.js';

/**
 * The embedded store's due keys (ADR 0019): each enrollment's keys, and for each key value the enrollments holding
 * it, as the document store's index on the top-level keys would. Kept beside the frozen projections, which stay as
 * the core built them.
 */
export class DueIndex {
  /** Enrollment (scoped) → its keys. */
  readonly #keys = new Map<string, DueKeys>();
  /** `field=value` (scoped) → the enrollment ids holding it. */
  readonly #buckets = new Map<string, Set<string>>();

  /** Replaces an enrollment's keys. */
  set(workspaceId: string, enrollmentId: string, due: DueKeys): void {
    const id = scoped(workspaceId, enrollmentId);
    const before = this.#keys.get(id);
    for (const field of DUE_KEY_FIELDS) {
      const old = before?.[field];
      const value = due[field];
      if (old === value) continue;
      if (old !== undefined) this.#leave(workspaceId, field, old, enrollmentId);
      if (value !== undefined) this.#join(workspaceId, field, value, enrollmentId);
    }
    if (DUE_KEY_FIELDS.some((field) => due[field] !== undefined)) this.#keys.set(id, due);
    else this.#keys.delete(id);
  }

  /** The ids of the enrollments whose `field` holds `value`. */
  find(workspaceId: string, field: DueKeyField, value: string): string[] {
    return [...(this.#buckets.get(bucketOf(workspaceId, field, value)) ?? [])];
  }

  #join(workspaceId: string, field: DueKeyField, value: string, enrollmentId: string): void {
    const key = bucketOf(workspaceId, field, value);
    const holders = this.#buckets.get(key) ?? new Set<string>();
    this.#buckets.set(key, holders.add(enrollmentId));
  }

  #leave(workspaceId: string, field: DueKeyField, value: string, enrollmentId: string): void {
    const key = bucketOf(workspaceId, field, value);
    const holders = this.#buckets.get(key);
    holders?.delete(enrollmentId);
    if (holders?.size === 0) this.#buckets.delete(key);
  }
}

const bucketOf = (workspaceId: string, field: DueKeyField, value: string) => scoped(workspaceId, `${field}=${value}`);
