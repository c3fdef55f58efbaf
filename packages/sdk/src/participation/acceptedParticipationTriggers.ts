import type { ParticipationSnapshot } from './ParticipationSnapshot.js';
import { readParticipationSnapshot } from './participationInput.js';
import { SUSPENSION_REASONS } from './suspensionReasons.js';
import { PARTICIPATION_TRIGGERS, type ParticipationTrigger } from './triggers.js';
import { PARTICIPATION_TRANSITIONS } from './transitions.js';

/**
 * The triggers a participation accepts where it stands, in {@link PARTICIPATION_TRIGGERS} order. Empty for the
 * terminal states. `suspension_raised` is left out when all five reasons are already active.
 * @example
 * acceptedParticipationTriggers({ state: 'AWAITING_CONSENT', suspensionReasons: [] }) // ['consent_granted', 'failed']
 */
export function acceptedParticipationTriggers(snapshot: ParticipationSnapshot): ParticipationTrigger[] {
  const { state, suspensionReasons } = readParticipationSnapshot(snapshot);
  const fromHere = new Set(PARTICIPATION_TRANSITIONS.filter((transition) => transition.from === state).map((transition) => transition.trigger));
  if (suspensionReasons.length === SUSPENSION_REASONS.length) fromHere.delete('suspension_raised');
  return PARTICIPATION_TRIGGERS.filter((trigger) => fromHere.has(trigger));
}
