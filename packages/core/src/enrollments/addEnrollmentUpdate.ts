import type { Enrollment } from './Enrollment.js';
import type { EnrollmentUpdateChanges } from './EnrollmentEvent.js';
import type { EnrollmentChange } from './EnrollmentChange.js';
import { applyEvent } from './projectEnrollment.js';

/**
 * Adds an `enrollment.updated` to a change: what changed (new and previous values, which the fold applies) and the
 * whole enrollment as the change leaves it, which is what seed 004's consumers of the event read. The enrollment is
 * worked out with the log's own fold, so it is exactly the projection the event produces.
 */
export function addEnrollmentUpdate(change: EnrollmentChange, changes: EnrollmentUpdateChanges, previous: EnrollmentUpdateChanges): void {
  const draft = { type: 'enrollment.updated', data: { changes, previous } } as const;
  const after = applyEvent(change.current, { ...draft, seq: change.current.seq + 1, occurredAt: change.at, enrollmentId: change.base.id });
  change.add({ ...draft, data: { ...draft.data, enrollment: withoutSeq(after) } });
}

function withoutSeq(enrollment: Enrollment): Omit<Enrollment, 'seq'> {
  const { seq: _seq, ...rest } = enrollment;
  return rest;
}
