import { isDeepStrictEqual } from 'node:util';
import { assertEnrollmentStatusMove } from '@flexroll/sdk';
import type { EnrollmentChanges } from './Enrollment.js';
import { ELIGIBILITY_CRITERIA_FIELDS } from './enrollmentFieldLists.js';
import { addEnrollmentUpdate } from './addEnrollmentUpdate.js';
import { addStateChange } from './addStateChange.js';
import type { DeadlineInstance } from './deadlines/deadlineTerms.js';
import { addStatusMoves } from './decisions.js';
import type { EnrollmentChange } from './EnrollmentChange.js';
import { STATUS_REASON_BY_TRIGGER } from './statusReasons.js';

/**
 * Changes an enrollment's data within a change: `enrollment.updated` with the new and previous values of what
 * really changed, and — when a property eligibility depends on changed on an `ineligible` or `rejected`
 * enrollment — its re-evaluation (seed 004: terminal "unless enrollment criteria change"): back to `candidate`,
 * and an INELIGIBLE participation back to ENROLMENT_REQUESTED (seed 000: "Recoverable only if site properties change").
 */
export function decideDataChange(change: EnrollmentChange, changes: EnrollmentChanges, instance: DeadlineInstance): void {
  const current = change.current as unknown as Readonly<Record<string, unknown>>;
  const changed: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined || isDeepStrictEqual(current[field] ?? null, value)) continue;
    changed[field] = value;
    previous[field] = current[field] ?? null;
  }
  if (Object.keys(changed).length === 0) return;
  const criteriaChanged = ELIGIBILITY_CRITERIA_FIELDS.some((field) => field in changed);
  addEnrollmentUpdate(change, changed, previous);
  if (criteriaChanged) reevaluate(change, instance);
}

/**
 * The participation starts over first (with the terms of its new first step), then the status moves, so the status's
 * `enrollment.updated` shows both.
 */
function reevaluate(change: EnrollmentChange, instance: DeadlineInstance): void {
  const { eligibility, participation } = change.current;
  const status = eligibility.status;
  if (status !== 'ineligible' && status !== 'rejected') return;
  // A FAILED participation is not recoverable by new properties; re-enrollment starts a new enrollment.
  if (participation !== undefined && participation.state !== 'INELIGIBLE') return;
  assertEnrollmentStatusMove(status, 'candidate', { criteriaChanged: true });
  if (participation !== undefined) {
    addStateChange(change, instance, {
      participationId: participation.id,
      trigger: 'criteria_changed',
      from: { state: participation.state, suspensionReasons: participation.suspensionReasons },
      to: { state: 'ENROLMENT_REQUESTED', suspensionReasons: [] },
      reason: `Site properties changed at ${change.at}; enrolment starts again.`,
    });
  }
  addStatusMoves(change, ['candidate'], STATUS_REASON_BY_TRIGGER.criteria_changed);
}
