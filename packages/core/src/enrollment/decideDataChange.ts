import { isDeepStrictEqual } from 'node:util';
import { assertEnrollmentStatusMove } from '@flexroll/sdk';
import { ELIGIBILITY_CRITERIA_FIELDS, type Enrollment, type EnrollmentChanges } from '../model/Enrollment.js';
import type { EventDraft } from '../model/EnrollmentEvent.js';

/**
 * The events for changing an enrollment's data: `enrollment.updated` with the new and previous values of what
 * really changed, and — when a property eligibility depends on changed on an `ineligible` or `rejected`
 * enrollment — its re-evaluation (seed 004: terminal "unless enrollment criteria change"): back to `candidate`,
 * and an INELIGIBLE participation back to ENROLMENT_REQUESTED (seed 000: "Recoverable only if site properties change").
 */
export function decideDataChange(enrollment: Enrollment, changes: EnrollmentChanges, at: string): EventDraft[] {
  const current = enrollment as unknown as Readonly<Record<string, unknown>>;
  const changed: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined || isDeepStrictEqual(current[field] ?? null, value)) continue;
    changed[field] = value;
    previous[field] = current[field] ?? null;
  }
  if (Object.keys(changed).length === 0) return [];
  const drafts: EventDraft[] = [{ type: 'enrollment.updated', data: { changes: changed, previous } }];
  const criteriaChanged = ELIGIBILITY_CRITERIA_FIELDS.some((field) => field in changed);
  if (criteriaChanged) drafts.push(...reevaluate(enrollment, at));
  return drafts;
}

function reevaluate(enrollment: Enrollment, at: string): EventDraft[] {
  const status = enrollment.eligibility.status;
  const participation = enrollment.participation;
  if (status !== 'ineligible' && status !== 'rejected') return [];
  // A FAILED participation is not recoverable by new properties; re-enrollment starts a new enrollment.
  if (participation !== undefined && participation.state !== 'INELIGIBLE') return [];
  assertEnrollmentStatusMove(status, 'candidate', { criteriaChanged: true });
  const drafts: EventDraft[] = [
    { type: 'enrollment.status_changed', data: { from: status, to: 'candidate', reason: 'Eligibility criteria changed; re-evaluating.' } },
  ];
  if (participation !== undefined) {
    drafts.push({
      type: 'participation.state_changed',
      data: {
        participationId: participation.id,
        trigger: 'criteria_changed',
        from: { state: participation.state, suspensionReasons: participation.suspensionReasons },
        to: { state: 'ENROLMENT_REQUESTED', suspensionReasons: [] },
        reason: `Site properties changed at ${at}; enrolment starts again.`,
      },
    });
  }
  return drafts;
}
