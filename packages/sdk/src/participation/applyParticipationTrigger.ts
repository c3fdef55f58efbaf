import { IllegalTransitionError } from '../errors/IllegalTransitionError.js';
import { expectOneOf } from '../validation/expectOneOf.js';
import { fieldError } from '../validation/fieldError.js';
import { acceptedParticipationTriggers } from './acceptedParticipationTriggers.js';
import type { ParticipationSnapshot, TriggerContext } from './ParticipationSnapshot.js';
import { readParticipationSnapshot, readTriggerContext } from './participationInput.js';
import { SUSPENSION_REASONS, type SuspensionReason } from './suspensionReasons.js';
import { PARTICIPATION_TRANSITIONS, type ParticipationTransition } from './transitions.js';
import { PARTICIPATION_TRIGGERS, type ParticipationTrigger } from './triggers.js';

const SUSPENSION_TRIGGERS: readonly ParticipationTrigger[] = ['suspension_raised', 'suspension_cleared'];

/**
 * Applies one trigger to a participation and returns where it ends up, as a new frozen snapshot. Pure: the
 * snapshot passed in is never changed. Follows seed 000's transition table ({@link PARTICIPATION_TRANSITIONS}).
 *
 * - `telemetry_received` goes to AWAITING_METER_ACCESS when `context.meterAccessRequired` is true and
 *   `context.meterAccessAvailable` is not, else to CONFIRMING_DISPATCH.
 * - `suspension_raised` / `suspension_cleared` need `context.reason`; reasons form a set kept in
 *   {@link SUSPENSION_REASONS} order, and clearing the last one returns to ACTIVE. Other triggers take no reason.
 *
 * @throws IllegalTransitionError when the current state does not accept the trigger, or the reason is already
 *   active (raising) or not active (clearing); it names the current state and the triggers it accepts.
 * @throws InputError for an unknown or ill-typed state, trigger, reason or context, naming the field.
 * @example
 * const active = { state: 'ACTIVE', suspensionReasons: [] } as const;
 * applyParticipationTrigger(active, 'suspension_raised', { reason: 'OPERATOR_REQUEST' })
 * // { state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST'] }
 */
export function applyParticipationTrigger(snapshot: ParticipationSnapshot, trigger: ParticipationTrigger, context?: TriggerContext): ParticipationSnapshot {
  const current = readParticipationSnapshot(snapshot);
  const name = expectOneOf(trigger, PARTICIPATION_TRIGGERS, '/trigger');
  const { reason, meterAccessRequired, meterAccessAvailable } = readTriggerContext(context);
  checkReasonFits(name, reason);
  const accepted = acceptedParticipationTriggers(current);
  const refuse = (detail?: string): IllegalTransitionError => new IllegalTransitionError('participation', current.state, name, accepted, detail);
  const rows = PARTICIPATION_TRANSITIONS.filter((transition) => transition.from === current.state && transition.trigger === name);
  if (rows.length === 0) throw refuse();

  let reasons: readonly SuspensionReason[] = [];
  if (name === 'suspension_raised' && reason !== undefined) {
    if (current.suspensionReasons.includes(reason)) throw refuse(`suspension reason ${reason} is already active`);
    reasons = SUSPENSION_REASONS.filter((known) => known === reason || current.suspensionReasons.includes(known));
  }
  if (name === 'suspension_cleared' && reason !== undefined) {
    if (!current.suspensionReasons.includes(reason)) throw refuse(`suspension reason ${reason} is not active; active: ${current.suspensionReasons.join(', ')}`);
    reasons = current.suspensionReasons.filter((known) => known !== reason);
  }
  const meterAccessPending = meterAccessRequired === true && meterAccessAvailable !== true;
  const chosen = rows.find((transition) => guardHolds(transition, meterAccessPending, reasons.length));
  if (chosen === undefined) throw refuse();
  return Object.freeze({ state: chosen.to, suspensionReasons: Object.freeze(chosen.to === 'SUSPENDED' ? [...reasons] : []) });
}

function checkReasonFits(trigger: ParticipationTrigger, reason: SuspensionReason | undefined): void {
  const needsReason = SUSPENSION_TRIGGERS.includes(trigger);
  if (needsReason && reason === undefined) {
    throw fieldError('/reason', 'required', `is required for ${trigger}; it must be one of ${SUSPENSION_REASONS.join(', ')}.`);
  }
  if (!needsReason && reason !== undefined) {
    throw fieldError('/reason', 'not_allowed', `applies only to ${SUSPENSION_TRIGGERS.join(' and ')}; ${trigger} takes no reason.`);
  }
}

function guardHolds(transition: ParticipationTransition, meterAccessPending: boolean, reasonsLeft: number): boolean {
  switch (transition.guard) {
    case undefined: return true;
    case 'meter_access_pending': return meterAccessPending;
    case 'meter_access_ready': return !meterAccessPending;
    case 'reasons_remain': return reasonsLeft > 0;
    case 'last_reason_cleared': return reasonsLeft === 0;
  }
}
