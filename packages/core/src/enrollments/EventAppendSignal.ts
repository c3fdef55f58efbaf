import { injectable } from 'inversify';

/** An enrollment whose log grew. */
export interface TouchedEnrollment {
  readonly workspaceId: string;
  readonly enrollmentId: string;
}

/** Beyond this many unread enrollments the signal stops noting them: the dispatcher's feed scan finds them anyway. */
const MAX_NOTED = 10_000;

/**
 * Tells a webhook dispatcher in this process that events were appended, so the embedded server delivers within
 * milliseconds instead of at the next poll. The append path pays one map write and a function call, and nothing at
 * all until a dispatcher listens. Other processes' appends reach a worker through the event feed instead.
 */
@injectable()
export class EventAppendSignal {
  readonly #touched = new Map<string, TouchedEnrollment>();
  #listener: (() => void) | undefined;

  /** Called by the event log after every successful append. */
  appended(workspaceId: string, enrollmentId: string): void {
    if (this.#listener === undefined) return;
    if (this.#touched.size < MAX_NOTED) this.#touched.set(`${workspaceId}/${enrollmentId}`, { workspaceId, enrollmentId });
    this.#listener();
  }

  /** The dispatcher listens (one per process); from then on appends are noted. */
  listen(listener: () => void): void {
    this.#listener = listener;
  }

  /** The enrollments appended to since the last drain. */
  drain(): TouchedEnrollment[] {
    const touched = [...this.#touched.values()];
    this.#touched.clear();
    return touched;
  }
}
