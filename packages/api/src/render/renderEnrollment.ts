import { publicEnrollment, type Enrollment } from '@flexroll/core';

/**
 * An enrollment in seed 004's response shape. Core's {@link publicEnrollment} renders it, so that the REST answer,
 * `GET /events` and every webhook body show an enrollment the same way.
 */
export function renderEnrollment(enrollment: Enrollment): Record<string, unknown> {
  return publicEnrollment(enrollment);
}
