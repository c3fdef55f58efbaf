import { IllegalTransitionError, type TransitionDetail } from '../errors/IllegalTransitionError.js';
import { fieldError } from '../validation/fieldError.js';
import { acceptedParticipationTriggers } from './acceptedParticipationTriggers.js';
import { applyParticipationTrigger } from './applyParticipationTrigger.js';
import type { ParticipationSnapshot, TriggerContext } from './ParticipationSnapshot.js';
import { readParticipationSnapshot, readParticipationState, readTriggerContext } from './participationInput.js';
import type { ParticipationState } from './states.js';
import { PARTICIPATION_TRANSITIONS } from './transitions.js';
import type { ParticipationTrigger } from './triggers.js';

/**
 * The one trigger that moves a participation from where it stands to `target` — for an operator who submits a
 * target state rather than a trigger (seed 002). Apply it with the same `context` to make the move.
 *
 * The context decides between rows that share a trigger: AWAITING_TELEMETRY → AWAITING_METER_ACCESS needs
 * `meterAccessRequired` without `meterAccessAvailable`; a move by a suspension trigger needs `context.reason`:
 * to SUSPENDED it is raised when not yet active and cleared when active and others remain; SUSPENDED → ACTIVE
 * clears it, and only when it is the last one.
 *
 * @throws IllegalTransitionError when no trigger leads there (or the context leads elsewhere), naming the
 *   current state and the triggers it accepts.
 * @throws InputError for an unknown state or ill-typed context, or a missing reason where a suspension trigger is
 *   the way there (or one given where none is: the same context must suit {@link applyParticipationTrigger}).
 * @example
 * findTriggerToState({ state: 'REGISTERED', suspensionReasons: [] }, 'ACTIVE') // 'device_live'
 * findTriggerToState({ state: 'ACTIVE', suspensionReasons: [] }, 'SUSPENDED', { reason: 'CUSTOMER_REQUEST' }) // 'suspension_raised'
 */
export function findTriggerToState(snapshot: ParticipationSnapshot, target: ParticipationState, context?: TriggerContext): ParticipationTrigger {
  const current = readParticipationSnapshot(snapshot);
  const wanted = readParticipationState(target, '/target');
  const given = readTriggerContext(context);
  const accepted = acceptedParticipationTriggers(current);
  const candidates = [...new Set(PARTICIPATION_TRANSITIONS
    .filter((transition) => transition.from === current.state && transition.to === wanted && accepted.includes(transition.trigger))
    .map((transition) => transition.trigger))];
  const refuse = (detail: TransitionDetail): IllegalTransitionError => new IllegalTransitionError('participation', current.state, wanted, accepted, detail);
  if (candidates.length === 0) throw refuse((name) => `no trigger leads from ${name(current.state)} to ${name(wanted)}`);

  const needsReason = candidates.some((trigger) => trigger === 'suspension_raised' || trigger === 'suspension_cleared');
  if (needsReason && given.reason === undefined) {
    const active = current.suspensionReasons.length === 0 ? '' : ` (active: ${current.suspensionReasons.join(', ')})`;
    throw fieldError('/reason', 'required', `is required to move from ${current.state} to ${wanted}: name the suspension reason to ${wanted === 'ACTIVE' ? 'clear' : 'raise or clear'}${active}.`);
  }
  const outcomes = candidates.map((trigger) => ({ trigger, outcome: tryApply(current, trigger, given) }));
  const reaching = outcomes.filter(({ outcome }) => outcome === wanted);
  if (reaching.length === 1 && reaching[0] !== undefined) return reaching[0].trigger;
  throw refuse((name) => outcomes.map(({ trigger, outcome }) => `${trigger} ${outcome === undefined ? 'is refused here' : `leads to ${name(outcome)}`} with this context`).join('; '));
}

function tryApply(snapshot: ParticipationSnapshot, trigger: ParticipationTrigger, context: TriggerContext): ParticipationState | undefined {
  try {
    return applyParticipationTrigger(snapshot, trigger, context).state;
  } catch (error) {
    if (error instanceof IllegalTransitionError) return undefined;
    throw error;
  }
}
