import { IllegalTransitionError } from '../errors/IllegalTransitionError.js';
import { acceptedParticipationTriggers } from './acceptedParticipationTriggers.js';
import { applyParticipationTrigger } from './applyParticipationTrigger.js';
import type { ParticipationSnapshot, TriggerContext } from './ParticipationSnapshot.js';
import type { ParticipationState } from './states.js';
import type { ParticipationTrigger } from './triggers.js';

/**
 * The shortest chain of legal triggers from where a participation stands to `target`, or undefined when none
 * leads there. Suspension triggers are left out (they need a reason and never leave the Participation phase), and
 * `failed` is used only when FAILED is the target. Meter access follows `context` as `telemetry_received` does.
 *
 * @example
 * findTriggerPath({ state: 'ACTIVE', suspensionReasons: [] }, 'UNENROLLED')
 * // ['leave_requested', 'notice_served', 'wind_down_completed']
 */
export function findTriggerPath(snapshot: ParticipationSnapshot, target: ParticipationState, context: Omit<TriggerContext, 'reason'> = {}): ParticipationTrigger[] | undefined {
  const queue: { at: ParticipationSnapshot; path: ParticipationTrigger[] }[] = [{ at: snapshot, path: [] }];
  const seen = new Set<ParticipationState>([snapshot.state]);
  while (queue.length > 0) {
    const { at, path } = queue.shift()!;
    if (at.state === target) return path;
    for (const trigger of acceptedParticipationTriggers(at)) {
      if (trigger === 'suspension_raised' || trigger === 'suspension_cleared' || (trigger === 'failed' && target !== 'FAILED')) continue;
      const next = tryApply(at, trigger, context);
      if (next === undefined || seen.has(next.state)) continue;
      seen.add(next.state);
      queue.push({ at: next, path: [...path, trigger] });
    }
  }
  return undefined;
}

function tryApply(snapshot: ParticipationSnapshot, trigger: ParticipationTrigger, context: TriggerContext): ParticipationSnapshot | undefined {
  try {
    return applyParticipationTrigger(snapshot, trigger, context);
  } catch (error) {
    if (error instanceof IllegalTransitionError) return undefined;
    throw error;
  }
}
