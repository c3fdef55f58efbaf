import {
  isOperatorReference, PARTICIPATION_STATES, PARTICIPATION_TRIGGERS, SUSPENSION_REASONS,
  type AdapterManifest, type OperatorEventEffect, type TriggerStep,
} from '@flexroll/sdk';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** What is wrong with an adapter's effect, or undefined when the platform can apply it (the machines still judge it). */
export function effectProblem(effect: unknown, manifest: AdapterManifest): string | undefined {
  if (typeof effect !== 'object' || effect === null || Array.isArray(effect)) return 'not an object';
  const e = effect as OperatorEventEffect;
  const step: TriggerStep | undefined = e.trigger === undefined ? undefined : { trigger: e.trigger, ...(e.suspensionReason === undefined ? {} : { suspensionReason: e.suspensionReason }), ...(e.owned === undefined ? {} : { owned: e.owned }) };
  if (e.trigger === undefined && e.suspensionReason !== undefined) return 'a suspensionReason without a trigger';
  if (e.trigger === undefined && e.owned !== undefined) return 'owned without a trigger';
  const steps: unknown[] = Array.isArray(e.steps) ? (e.steps as unknown[]) : [];
  for (const [index, candidate] of [...(step === undefined ? [] : [step]), ...steps].entries()) {
    const problem = stepProblem(candidate);
    if (problem !== undefined) return step !== undefined && index === 0 ? problem : `steps/${index - (step === undefined ? 0 : 1)}: ${problem}`;
  }
  if (e.steps !== undefined && !Array.isArray(e.steps)) return 'steps is not a list';
  if (e.reason !== undefined && typeof e.reason !== 'string') return 'reason is not a string';
  if (e.nativeState !== undefined && typeof e.nativeState !== 'string') return 'nativeState is not a string';
  return statusesProblem(e.nativeStatuses, manifest) ?? factsProblem(e.facts) ?? referencesProblem(e.references) ?? orderProblem(e);
}

function stepProblem(step: unknown): string | undefined {
  if (typeof step !== 'object' || step === null) return 'a step is not an object';
  const { trigger, suspensionReason, awaitState, reason, owned } = step as TriggerStep;
  if (!(PARTICIPATION_TRIGGERS as readonly unknown[]).includes(trigger)) return `unknown trigger ${JSON.stringify(trigger)}`;
  if (suspensionReason !== undefined && !(SUSPENSION_REASONS as readonly unknown[]).includes(suspensionReason)) return `unknown suspension reason ${JSON.stringify(suspensionReason)}`;
  const suspends = trigger === 'suspension_raised' || trigger === 'suspension_cleared';
  if (suspends !== (suspensionReason !== undefined)) return suspends ? `${trigger} needs a suspensionReason` : `${trigger} takes no suspensionReason`;
  if (awaitState !== undefined && !(PARTICIPATION_STATES as readonly unknown[]).includes(awaitState)) return `unknown awaitState ${JSON.stringify(awaitState)}`;
  if (reason !== undefined && typeof reason !== 'string') return 'a step reason is not a string';
  if (owned !== undefined && typeof owned !== 'boolean') return 'owned is not a boolean';
  if (owned !== undefined && trigger !== 'suspension_raised') return `owned applies only to suspension_raised, not ${trigger}`;
  return undefined;
}

function statusesProblem(statuses: unknown, manifest: AdapterManifest): string | undefined {
  if (statuses === undefined) return undefined;
  if (typeof statuses !== 'object' || statuses === null) return 'nativeStatuses is not an object';
  const declared = manifest.nativeStatuses ?? {};
  for (const [name, value] of Object.entries(statuses)) {
    const declaration = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (declaration === undefined) return `nativeStatuses names '${name}', which the manifest does not declare (declared: ${Object.keys(declared).join(', ') || 'none'})`;
    if (typeof value !== 'string' || !declaration.values.includes(value)) return `nativeStatuses.${name} is ${JSON.stringify(value)}, not one of its declared values`;
  }
  return undefined;
}

function factsProblem(facts: unknown): string | undefined {
  if (facts === undefined) return undefined;
  if (typeof facts !== 'object' || facts === null) return 'facts is not an object';
  const { telemetryAt, meterAccessGranted, rewardsSettledAt, ...rest } = facts as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return `facts has unknown fields: ${Object.keys(rest).join(', ')}`;
  if (telemetryAt !== undefined && !(typeof telemetryAt === 'string' && TIME.test(telemetryAt))) return 'facts.telemetryAt is not an ISO-8601 time';
  if (rewardsSettledAt !== undefined && !(typeof rewardsSettledAt === 'string' && TIME.test(rewardsSettledAt))) return 'facts.rewardsSettledAt is not an ISO-8601 time';
  if (meterAccessGranted !== undefined && meterAccessGranted !== true) return 'facts.meterAccessGranted can only be true';
  return undefined;
}

function referencesProblem(references: unknown): string | undefined {
  if (references === undefined) return undefined;
  if (!Array.isArray(references) || !references.every(isOperatorReference)) return 'references is not a list of { kind, value } operator references';
  return undefined;
}

function orderProblem(effect: OperatorEventEffect): string | undefined {
  if (effect.observedAt !== undefined && !(typeof effect.observedAt === 'string' && TIME.test(effect.observedAt))) return 'observedAt is not an ISO-8601 time';
  if (effect.sequence !== undefined && !Number.isSafeInteger(effect.sequence)) return 'sequence is not an integer';
  if (effect.stream !== undefined && (typeof effect.stream !== 'string' || effect.stream === '')) return 'stream is not a non-empty string';
  return undefined;
}
