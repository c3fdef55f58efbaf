import { DEADLINE_EVENT_TYPES, type EnrollmentChange } from '../enrollments/index.js';
import { decideDeadline } from './decideDeadline.js';

/**
 * Adds to the change every deadline alert the participation now calls for (`decideDeadline`), each decided on the
 * state the one before left: a late sweep may owe a met for the deadline closed last and a miss for the open one.
 * Bounded by the number of alert kinds, so a decision that failed to record itself cannot loop.
 */
export function announceDeadlines(change: EnrollmentChange): void {
  for (let added = 0; added < DEADLINE_EVENT_TYPES.length; added++) {
    const participation = change.current.participation;
    const alert = participation === undefined ? undefined : decideDeadline(participation, change.at);
    if (alert === undefined) return;
    change.add(alert);
  }
}
