import { fireParticipationTrigger, requireParticipation, type InstanceRules, type EnrollmentChange } from '../enrollments/index.js';
import type { FactDecider, FactDecision } from './participationPolicy.js';
import { recordFacts } from './recordFacts.js';

/**
 * Asks the participation policy what `news` means for the participation as it now stands in the change, and
 * applies the answer: the one way the routes, the sweeps and operator reports act on a fact.
 * @example await applyPolicy(change, rules, decideTelemetry, { kind: 'arrived', receivedAt })
 */
export async function applyPolicy<News>(change: EnrollmentChange, rules: InstanceRules, decide: FactDecider<News>, news: News): Promise<void> {
  await applyFactDecision(change, rules, decide(requireParticipation(change.current.participation), rules.instance, news, change.at));
}

/**
 * Applies a decision within a change: the facts that really change as one `participation.updated`, then the step
 * they imply, checked by the participation machine like any trigger.
 */
async function applyFactDecision(change: EnrollmentChange, rules: InstanceRules, decision: FactDecision): Promise<void> {
  recordFacts(change, decision.facts);
  const { step } = decision;
  if (step === undefined) return;
  await fireParticipationTrigger(change, rules, step.trigger, step.suspensionReason === undefined ? {} : { reason: step.suspensionReason }, step.note, 'platform');
}
