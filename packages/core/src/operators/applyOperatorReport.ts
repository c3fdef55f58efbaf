import { FlexrollError, IllegalTransitionError, type OperatorEventEffect, type OperatorReference } from '@flexroll/sdk';
import { fireParticipationTrigger, requireParticipation, type InstanceRules, type EnrollmentChange, type OperatorEventOutcome, type OperatorEventTrace } from '../enrollments/index.js';
import { applyPolicy, decideMeterAccess, decideTelemetry, decideWindDown, recordFacts } from '../participation/index.js';
import { park, releaseAwaiting } from './awaitingSteps.js';
import { foreignClear, ownerOfAdapterRaise, stepsOf, withoutForeignClears } from './ownedReasons.js';

/** Where an operator's report came from and where it sits in the operator's own order. */
export interface OperatorReport {
  readonly via: OperatorEventTrace['via'];
  readonly type: string;
  readonly stream: string;
  readonly occurredAt: string;
  readonly sequence?: number;
  readonly eventId?: string;
}

/** What applying a report did: its outcome, and the operator references its effect asked to link (after the append). */
export interface ReportOutcome {
  readonly outcome: OperatorEventOutcome;
  readonly references: readonly OperatorReference[];
  /** Why it was not applied (stale, duplicate, refused, ignored), or what of it was left out, as its trace says. */
  readonly note?: string;
}

/**
 * How a refusal of the adapter's effect by the machines is handled: `throw` it as the adapter's fault (a request
 * that asked for this one event), or `record` it — the operator's statuses kept, a `refused` trace and an
 * `adapter.failed` written — when nobody waits on the answer (a webhook batch, a poll).
 */
export type RefusalHandling = 'throw' | 'record';

/**
 * Applies what the adapter made of one operator report, within a change: older than its stream's last applied
 * report → recorded as `stale` (or `duplicate`), not applied; otherwise its statuses, facts, trigger and steps, in
 * that order, each trigger checked by the participation machine. Every report leaves a `participation.operator_event`
 * trace — except a poll's that changed nothing, which would only fill the log.
 */
export async function applyOperatorReport(
  change: EnrollmentChange,
  rules: InstanceRules,
  report: OperatorReport,
  reported: OperatorEventEffect,
  refusals: RefusalHandling,
): Promise<ReportOutcome> {
  let effect = reported;
  const participation = requireParticipation(change.current.participation);
  const trace = (outcome: OperatorEventOutcome, note?: string): void =>
    change.add({ type: 'participation.operator_event', data: traceOf(participation.id, rules.adapter.id, report, outcome, effect, note) });
  const mark = participation.operatorClock?.[report.stream];
  if (mark !== undefined && report.sequence !== undefined && mark.sequence !== undefined && report.sequence <= mark.sequence) {
    const note = `the last applied in ${report.stream} is sequence ${mark.sequence}`;
    trace(report.sequence === mark.sequence ? 'duplicate' : 'stale', note);
    return { outcome: report.sequence === mark.sequence ? 'duplicate' : 'stale', references: [], note };
  }
  if (mark !== undefined && report.occurredAt < mark.at) {
    const note = `the last applied in ${report.stream} happened at ${mark.at}`;
    trace('stale', note);
    return { outcome: 'stale', references: [], note };
  }
  // An adapter clears only the suspension reasons it raised as its own; its other clears are left out, with a note.
  const { effect: allowed, ignored } = withoutForeignClears(effect, participation);
  const ignoredNote = ignored.length === 0 ? undefined : ignored.join('; ');
  if (isEmpty(allowed)) {
    if (report.via !== 'sync') trace('ignored', ignoredNote ?? 'the adapter found nothing to do');
    return { outcome: 'ignored', references: [], ...(ignoredNote === undefined ? {} : { note: ignoredNote }) };
  }
  effect = allowed;
  const kept = change.drafts.length;
  const statusesChanged = Object.entries(effect.nativeStatuses ?? {}).some(([name, value]) => participation.nativeStatuses?.[name]?.value !== value);
  try {
    await change.atomically(async () => {
      await applyEffect(change, rules, effect, trace, ignoredNote);
      const onlyTheTrace = change.drafts.slice(kept).every((draft) => draft.type === 'participation.operator_event');
      if (report.via === 'sync' && !statusesChanged && onlyTheTrace) throw UNCHANGED;
    });
  } catch (error) {
    if (error === UNCHANGED) return { outcome: 'ignored', references: [] };
    if (!isRefusal(error)) throw error;
    const operation = report.via === 'sync' ? 'sync' : 'mapOperatorEvent';
    const fault = rules.adapter.illegalAnswer(operation, error);
    if (refusals === 'throw') throw fault;
    trace('refused', fault.message);
    if (effect.nativeState !== undefined) recordFacts(change, { operatorNativeState: effect.nativeState });
    change.add({ type: 'adapter.failed', data: { adapterId: rules.adapter.id, operation, code: fault.code, message: fault.message } });
    return { outcome: 'refused', references: [], note: fault.message };
  }
  return { outcome: 'applied', references: effect.references ?? [], ...(ignoredNote === undefined ? {} : { note: ignoredNote }) };
}

/**
 * Records a redelivery of an operator event already received (by its id): a `duplicate` trace, nothing applied, and
 * the adapter not asked (it said what the event meant the first time).
 */
export function recordRedelivery(change: EnrollmentChange, rules: InstanceRules, report: OperatorReport, note: string): ReportOutcome {
  const participation = requireParticipation(change.current.participation);
  change.add({ type: 'participation.operator_event', data: traceOf(participation.id, rules.adapter.id, report, 'duplicate', {}, note) });
  return { outcome: 'duplicate', references: [], note };
}

async function applyEffect(
  change: EnrollmentChange, rules: InstanceRules, effect: OperatorEventEffect, trace: (outcome: OperatorEventOutcome, note?: string) => void, ignoredNote: string | undefined,
): Promise<void> {
  const steps = stepsOf(effect);
  const waiting = steps.filter((step) => step.awaitState !== undefined && step.awaitState !== requireParticipation(change.current.participation).state);
  const notes = [...(waiting.length === 0 ? [] : [`waiting: ${waiting.map((step) => `${step.trigger} for ${step.awaitState}`).join(', ')}`]), ...(ignoredNote === undefined ? [] : [ignoredNote])];
  trace('applied', notes.length === 0 ? undefined : notes.join('; '));
  if (effect.nativeState !== undefined) recordFacts(change, { operatorNativeState: effect.nativeState });
  // The facts an operator reports mean what they mean from the participation routes: the same policy decides them.
  const facts = effect.facts ?? {};
  if (facts.telemetryAt !== undefined) await applyPolicy(change, rules, decideTelemetry, { kind: 'arrived', receivedAt: facts.telemetryAt });
  if (facts.meterAccessGranted === true) await applyPolicy(change, rules, decideMeterAccess, { kind: 'granted' });
  if (facts.rewardsSettledAt !== undefined) await applyPolicy(change, rules, decideWindDown, { kind: 'settled', settledAt: facts.rewardsSettledAt });
  for (const step of steps) {
    const state = requireParticipation(change.current.participation).state;
    if (step.awaitState !== undefined && step.awaitState !== state) {
      park(change, { ...step, awaitState: step.awaitState });
      continue;
    }
    if (foreignClear(requireParticipation(change.current.participation), step) !== undefined) continue;
    const reason = step.suspensionReason === undefined ? {} : { reason: step.suspensionReason };
    await fireParticipationTrigger(change, rules, step.trigger, reason, step.reason ?? effect.reason, ownerOfAdapterRaise(step));
  }
  await releaseAwaiting(change, rules);
}

function traceOf(participationId: string, adapterId: string, report: OperatorReport, outcome: OperatorEventOutcome, effect: OperatorEventEffect, note?: string): OperatorEventTrace {
  const keepsStatuses = outcome === 'applied' || outcome === 'refused';
  return {
    participationId,
    adapterId,
    via: report.via,
    type: report.type,
    stream: report.stream,
    occurredAt: report.occurredAt,
    ...(report.sequence === undefined ? {} : { sequence: report.sequence }),
    ...(report.eventId === undefined ? {} : { eventId: report.eventId }),
    outcome,
    ...(keepsStatuses && effect.nativeStatuses !== undefined ? { nativeStatuses: effect.nativeStatuses } : {}),
    ...(keepsStatuses && effect.references !== undefined && effect.references.length > 0 ? { references: effect.references } : {}),
    ...(note === undefined ? {} : { note }),
  };
}

function isEmpty(effect: OperatorEventEffect): boolean {
  const { trigger, nativeState, nativeStatuses, facts, steps, references } = effect;
  return trigger === undefined && nativeState === undefined && (nativeStatuses === undefined || Object.keys(nativeStatuses).length === 0) &&
    (facts === undefined || Object.keys(facts).length === 0) && (steps === undefined || steps.length === 0) && (references === undefined || references.length === 0);
}

/** A machine's refusal of what the adapter asked: an illegal trigger or status move, or a trigger given wrong input. */
function isRefusal(error: unknown): error is FlexrollError {
  return error instanceof IllegalTransitionError || (FlexrollError.is(error) && (error.kind === 'illegal_transition' || error.kind === 'input'));
}

/** Thrown inside the change to take back a poll's report that changed nothing (and caught right after). */
class Unchanged extends Error {}
const UNCHANGED = new Unchanged('a poll that changed nothing');
