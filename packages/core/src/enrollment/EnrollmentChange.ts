import type { Enrollment } from '../model/Enrollment.js';
import type { EventDraft } from '../model/EnrollmentEvent.js';
import { applyEvent } from './projectEnrollment.js';

/**
 * A change being decided: the enrollment as loaded, the events decided so far, and the enrollment as they leave it.
 * Each event is folded in once, as it is added, with the same fold the log uses and the `seq` and time it will be
 * appended with; so a decision with several steps reads the state each step left, and once appended, `current` is
 * the new projection — nothing is folded twice and nothing is read again.
 */
export class EnrollmentChange {
  readonly #drafts: EventDraft[] = [];
  #current: Enrollment;

  /** `at`: the time every event of the change carries (ISO-8601 UTC). */
  constructor(
    readonly base: Enrollment,
    readonly at: string,
  ) {
    this.#current = base;
  }

  /** The enrollment as the events added so far leave it. */
  get current(): Enrollment {
    return this.#current;
  }

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

  add(...drafts: readonly EventDraft[]): void {
    for (const draft of drafts) {
      const seq = this.base.seq + this.#drafts.length + 1;
      this.#current = applyEvent(this.#current, { ...draft, seq, occurredAt: this.at, enrollmentId: this.base.id });
      this.#drafts.push(draft);
    }
  }
}
