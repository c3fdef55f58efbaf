import type { DeliveryAttempt, DeliveryAttemptRepository, InsertResult } from '@flexroll/core';
import { frozenCopy } from './frozenCopy.js';
import { tick } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';

/**
 * The embedded store's attempts: each subject's attempts in order. `(subjectId, attempt)` is checked and taken in
 * one synchronous step after the yield, which makes the claim atomic here as the unique index makes it elsewhere.
 * An attempt's fields are all scalars, so a shallow frozen copy isolates it.
 */
export class MemoryDeliveryAttemptRepository implements DeliveryAttemptRepository {
  readonly #bySubject = new Map<string, DeliveryAttempt[]>();

  async claim(attempt: DeliveryAttempt): Promise<InsertResult> {
    await tick();
    const key = scoped(attempt.workspaceId, attempt.subjectId);
    const attempts = this.#bySubject.get(key) ?? [];
    if (attempts.some((existing) => existing.attempt === attempt.attempt)) return 'duplicate';
    this.#bySubject.set(key, [...attempts, frozenCopy(attempt, { shallow: true })].sort((a, b) => a.attempt - b.attempt));
    return 'inserted';
  }

  async listForSubject(workspaceId: string, subjectId: string): Promise<readonly DeliveryAttempt[]> {
    await tick();
    return this.#bySubject.get(scoped(workspaceId, subjectId)) ?? [];
  }

  async replace(attempt: DeliveryAttempt): Promise<void> {
    await tick();
    const key = scoped(attempt.workspaceId, attempt.subjectId);
    const attempts = this.#bySubject.get(key) ?? [];
    this.#bySubject.set(key, attempts.map((existing) => (existing.attempt === attempt.attempt ? frozenCopy(attempt, { shallow: true }) : existing)));
  }

  async renew(attempt: DeliveryAttempt, leaseExpiresAt: string): Promise<void> {
    await tick();
    const key = scoped(attempt.workspaceId, attempt.subjectId);
    const attempts = this.#bySubject.get(key) ?? [];
    this.#bySubject.set(key, attempts.map((existing) => (existing.id === attempt.id ? frozenCopy({ ...existing, leaseExpiresAt }, { shallow: true }) : existing)));
  }

  async remove(attempt: DeliveryAttempt): Promise<void> {
    await tick();
    const key = scoped(attempt.workspaceId, attempt.subjectId);
    this.#bySubject.set(key, (this.#bySubject.get(key) ?? []).filter((existing) => existing.id !== attempt.id));
  }
}
