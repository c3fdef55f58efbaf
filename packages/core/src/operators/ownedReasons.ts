import type { OperatorEventEffect, TriggerStep } from '@flexroll/sdk';
import type { Participation, SuspensionOwner } from '../enrollments/index.js';

/** Who an adapter's `suspension_raised` makes the owner of its reason: the adapter itself only when it says `owned`. */
export function ownerOfAdapterRaise(step: Pick<TriggerStep, 'owned'>): SuspensionOwner {
  return step.owned === true ? 'adapter' : 'operator';
}

/**
 * Why an adapter's step may not run: a `suspension_cleared` of an active reason someone else raised (a person
 * through the API, the platform's rules, or the adapter without `owned`). A reason with no recorded owner (raised
 * before owners were kept) may be cleared, as before.
 */
export function foreignClear(participation: Participation, step: TriggerStep): string | undefined {
  if (step.trigger !== 'suspension_cleared' || step.suspensionReason === undefined) return undefined;
  if (!participation.suspensionReasons.includes(step.suspensionReason)) return undefined;
  const owner = participation.suspensionOwners?.[step.suspensionReason];
  if (owner === undefined || owner === 'adapter') return undefined;
  return `suspension_cleared ${step.suspensionReason} ignored: raised by ${owner}, not as the adapter's own`;
}

/** The steps of an effect, its `trigger` first, as the platform runs them. */
export function stepsOf(effect: OperatorEventEffect): TriggerStep[] {
  const { trigger, suspensionReason, reason, owned } = effect;
  const first: TriggerStep[] = trigger === undefined ? [] : [{
    trigger, ...(suspensionReason === undefined ? {} : { suspensionReason }), ...(reason === undefined ? {} : { reason }), ...(owned === undefined ? {} : { owned }),
  }];
  return [...first, ...(effect.steps ?? [])];
}

/**
 * The effect without the clears of reasons the adapter does not own (as the participation stands before it), and a
 * note for each one left out. Steps that wait for a later state are checked again when they fire.
 */
export function withoutForeignClears(effect: OperatorEventEffect, participation: Participation): { readonly effect: OperatorEventEffect; readonly ignored: readonly string[] } {
  const steps = stepsOf(effect);
  const ignored = steps.flatMap((step) => (step.awaitState === undefined ? (foreignClear(participation, step) ?? []) : []));
  if (ignored.length === 0) return { effect, ignored };
  const kept = steps.filter((step) => step.awaitState !== undefined || foreignClear(participation, step) === undefined);
  const { trigger: _trigger, suspensionReason: _reason, owned: _owned, steps: _steps, ...rest } = effect;
  return { effect: { ...rest, ...(kept.length === 0 ? {} : { steps: kept }) }, ignored };
}
