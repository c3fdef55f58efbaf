import type { Enrollment } from './Enrollment.js';

/**
 * This process's most recently used enrollments, each as of a known `seq`, and which enrollment holds each
 * participation. An entry is never trusted as it is: before it is used, the log is asked whether an event with the
 * next `seq` exists (one indexed lookup), and only if none does is the entry current. Events are immutable and
 * numbered without gaps, so that one question is enough, whatever other processes wrote. Least recently used
 * entries make room for new ones.
 */
export class EnrollmentCache {
  readonly #enrollments = new Map<string, Enrollment>();
  readonly #holders = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  get(workspaceId: string, enrollmentId: string): Enrollment | undefined {
    const key = `${workspaceId}/${enrollmentId}`;
    const found = this.#enrollments.get(key);
    if (found !== undefined) {
      this.#enrollments.delete(key);
      this.#enrollments.set(key, found);
    }
    return found;
  }

  set(enrollment: Enrollment): void {
    if (this.capacity <= 0) return;
    const key = `${enrollment.workspaceId}/${enrollment.id}`;
    const cached = this.#enrollments.get(key);
    if (cached !== undefined && cached.seq > enrollment.seq) return;
    this.#enrollments.delete(key);
    this.#enrollments.set(key, enrollment);
    if (enrollment.participation !== undefined) remember(this.#holders, `${enrollment.workspaceId}/${enrollment.participation.id}`, enrollment.id, this.capacity);
    if (this.#enrollments.size > this.capacity) this.#enrollments.delete(this.#enrollments.keys().next().value as string);
  }

  forget(workspaceId: string, enrollmentId: string): void {
    this.#enrollments.delete(`${workspaceId}/${enrollmentId}`);
  }

  /** The enrollment holding a participation, if this process has seen it; a participation never changes hands. */
  holderOf(workspaceId: string, participationId: string): string | undefined {
    return this.#holders.get(`${workspaceId}/${participationId}`);
  }
}

function remember(map: Map<string, string>, key: string, value: string, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > capacity) map.delete(map.keys().next().value as string);
}
