import { ConflictError } from '@flexroll/sdk';

/** A writer that could not append within the contention budget: nothing changed; retry in a second. */
export function contended(enrollmentId: string): ConflictError {
  return new ConflictError(
    'enrollment_contended',
    `Enrollment '${enrollmentId}' has too many writers at once; nothing was changed. Retry the request in a second.`,
    undefined,
    { retryAfterSeconds: 1 },
  );
}

/** A short random pause so that many losers of one race do not collide again in lock-step. */
export function backOff(attempt: number): Promise<void> {
  const ceiling = Math.min(50, 2 * attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
