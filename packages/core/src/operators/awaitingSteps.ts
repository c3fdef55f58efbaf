import { findTriggerPath, isParticipating, type ParticipationState, type TriggerStep } from '@flexroll/sdk';
import { fireParticipationTrigger, requireParticipation, type InstanceRules, type EnrollmentChange } from '../enrollments/index.js';
import { recordFacts } from '../participation/index.js';
import { foreignClear, ownerOfAdapterRaise } from './ownedReasons.js';

/** Whether a participation in `current` can still come to `awaited` by legal moves. */
export function stillAhead(current: ParticipationState, awaited: ParticipationState): boolean {
  if (current === awaited) return true;
  if (isParticipating(current) && isParticipating(awaited)) return true;
  // Suspension reasons do not change where a participation can go, only whether it is SUSPENDED; any one stands in.
  const snapshot = { state: current, suspensionReasons: current === 'SUSPENDED' ? (['OPERATOR_REQUEST'] as const) : [] };
  return findTriggerPath(snapshot, awaited) !== undefined;
}

/** Parks a step until its state comes (unless an identical one already waits); false when that state can no longer come. */
export function park(change: EnrollmentChange, step: TriggerStep & { awaitState: ParticipationState }): boolean {
  const participation = requireParticipation(change.current.participation);
  if (!stillAhead(participation.state, step.awaitState)) return false;
  const waiting = participation.awaiting ?? [];
  if (!waiting.some((other) => JSON.stringify(other) === JSON.stringify(step))) recordFacts(change, { awaiting: [...waiting, step] });
  return true;
}

/**
 * Fires every waiting step whose state the participation is now in, and drops those whose state can no longer
 * come (the `participation.updated` that removes them is their trace). A step that fires is removed first, so a
 * refused one is not tried again. True when anything changed.
 */
export async function releaseAwaiting(change: EnrollmentChange, rules: InstanceRules): Promise<boolean> {
  let changed = false;
  for (;;) {
    const participation = requireParticipation(change.current.participation);
    const waiting = participation.awaiting ?? [];
    const due = waiting.find((step) => step.awaitState === participation.state);
    const kept = waiting.filter((step) => step !== due && stillAhead(participation.state, step.awaitState!));
    if (kept.length === waiting.length) return changed;
    recordFacts(change, { awaiting: kept });
    changed = true;
    // A waiting clear of a reason the adapter does not own is dropped (its participation.updated is its trace).
    if (due !== undefined && foreignClear(participation, due) === undefined) {
      const reason = due.suspensionReason === undefined ? {} : { reason: due.suspensionReason };
      await fireParticipationTrigger(change, rules, due.trigger, reason, due.reason ?? `operator step ${due.trigger}, awaited ${due.awaitState}`, ownerOfAdapterRaise(due));
    }
  }
}
