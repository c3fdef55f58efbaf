import type { Enrollment } from './Enrollment.js';
import type { EventDraft } from './EnrollmentEvent.js';
import { applyEvent } from './projectEnrollment.js';

/**
 * A change being decided: the enrollment as loaded, the events decided so far, and the enrollment as they leave it.
 * Each event is folded in once, as it is added, with the same fold the log uses and the `seq` and time it will be
 * appended with; so a decision with several steps reads the state each step left, and once appended, `current` is
 * the new projection — nothing is folded twice and nothing is read again.
 *
 * Every event happens at the change's recording time, unless a step is {@link EnrollmentChange.dated dated}: a
 * provider that reports when something happened (seed 001's `occurred_at`) has its events recorded at that time.
 */
export class EnrollmentChange {
  readonly #drafts: EventDraft[] = [];
  #current: Enrollment;
  #at: string;

  /** `recordedAt`: when the change is written (ISO-8601 UTC); the time of its events unless a step is dated. */
  constructor(
    readonly base: Enrollment,
    readonly recordedAt: string,
  ) {
    this.#current = base;
    this.#at = recordedAt;
  }

  /** When the events being added now happened: the recording time, or the time of the dated step being run. */
  get at(): string {
    return this.#at;
  }

  /** The enrollment as the events added so far leave it. */
  get current(): Enrollment {
    return this.#current;
  }

  /** The events decided so far, each with the time it happened. */
  get drafts(): readonly EventDraft[] {
    return this.#drafts;
  }

  /** Runs one step of a decision; if it throws, the events it added are taken back, and the error goes on. */
  async atomically<T>(step: () => T | Promise<T>): Promise<T> {
    const [kept, current] = [this.#drafts.length, this.#current];
    try {
      return await step();
    } catch (error) {
      this.#drafts.length = kept;
      this.#current = current;
      throw error;
    }
  }

  /**
   * Runs one step whose events happened at `occurredAt` rather than now (the caller has checked that time: not in
   * the future, not before the enrollment's last change). Within the step, {@link EnrollmentChange.at} is that time.
   */
  async dated<T>(occurredAt: string, step: () => T | Promise<T>): Promise<T> {
    const outer = this.#at;
    this.#at = occurredAt;
    try {
      return await step();
    } finally {
      this.#at = outer;
    }
  }

  add(...drafts: readonly EventDraft[]): void {
    for (const draft of drafts) {
      const seq = this.base.seq + this.#drafts.length + 1;
      const occurredAt = draft.occurredAt ?? this.#at;
      this.#current = applyEvent(this.#current, { ...draft, seq, occurredAt, enrollmentId: this.base.id });
      this.#drafts.push({ ...draft, occurredAt });
    }
  }
}
