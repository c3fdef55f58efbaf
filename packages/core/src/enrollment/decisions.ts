import {
  acceptedParticipationTriggers,
  allowedEnrollmentStatusMoves,
  applyParticipationTrigger,
  assertEnrollmentStatusMove,
  IllegalTransitionError,
  type EnrollmentStatus,
  type ParticipationSnapshot,
  type ParticipationTrigger,
  type TriggerContext,
} from '@flexroll/sdk';
import type { BoundAdapter } from '../adapters/BoundAdapter.js';
import { toParticipationView } from '../adapters/views.js';
import type { EventDraft } from '../model/EnrollmentEvent.js';
import type { Participation } from '../model/Participation.js';
import type { ProgramInstance } from '../model/ProgramInstance.js';
import type { EnrollmentChange } from './EnrollmentChange.js';
import { statusPath } from './statusPath.js';

/** What a decision needs about the enrollment's program instance: its settings and its bound adapter. */
export interface InstanceRules {
  readonly instance: ProgramInstance;
  readonly adapter: BoundAdapter;
}

/**
 * Fires a participation trigger within a change: the state change (checked by the participation machine), the
 * enrollment status moves the adapter maps it to (each checked by the enrollment machine, or nothing is written),
 * and `enrollmentStartDate` when ACTIVE is first reached.
 */
export async function fireParticipationTrigger(
  change: EnrollmentChange,
  rules: InstanceRules,
  trigger: ParticipationTrigger,
  context: Omit<TriggerContext, 'meterAccessRequired' | 'meterAccessAvailable'> = {},
  reason?: string,
): Promise<void> {
  const enrollment = change.current;
  const participation = requireParticipation(enrollment.participation);
  const from: ParticipationSnapshot = { state: participation.state, suspensionReasons: participation.suspensionReasons };
  const to = applyParticipationTrigger(from, trigger, {
    ...context,
    meterAccessRequired: rules.instance.meterAccessRequired,
    meterAccessAvailable: participation.meterAccessAvailable,
  });
  const status = enrollment.eligibility.status;
  const target = await rules.adapter.statusForParticipation({ trigger, from, to, currentStatus: status });
  const path = adapterStatusPath(rules, status, target);
  change.add(
    { type: 'participation.state_changed', data: { participationId: participation.id, trigger, from, to, ...(reason === undefined ? {} : { reason }) } },
    ...statusMoves(status, path, change.at, reason ?? `participation ${trigger}`),
  );
  if (to.state === 'ACTIVE' && enrollment.enrollmentStartDate === undefined) {
    change.add({ type: 'enrollment.updated', data: { changes: { enrollmentStartDate: change.at }, previous: {} } });
  }
}

/**
 * Moves an enrollment's status through the enrollment API, within a change. Without a participation the move is
 * checked against the enrollment machine alone; with one, the adapter names the trigger, which must be legal too.
 */
export async function moveEnrollmentStatus(change: EnrollmentChange, rules: InstanceRules, to: EnrollmentStatus, reason?: string): Promise<void> {
  const enrollment = change.current;
  const from = enrollment.eligibility.status;
  assertEnrollmentStatusMove(from, to);
  const participation = enrollment.participation;
  if (participation === undefined) {
    change.add(...statusMoves(from, [to], change.at, reason, enrollment.enrollmentStartDate === undefined));
    return;
  }
  const trigger = await rules.adapter.triggerForStatusMove({ from, to, participation: toParticipationView(participation) });
  if (trigger === null) {
    change.add(...statusMoves(from, [to], change.at, reason));
    return;
  }
  if (trigger !== undefined && trigger !== null && !acceptedParticipationTriggers(participation).includes(trigger)) {
    // The adapter named a trigger the participation cannot take where it stands: its fault, not the caller's.
    throw rules.adapter.illegalAnswer('triggerForStatusMove', new IllegalTransitionError('participation', participation.state, trigger, acceptedParticipationTriggers(participation)));
  }
  if (trigger === undefined) {
    throw new IllegalTransitionError(
      'enrollment',
      from,
      to,
      allowedEnrollmentStatusMoves(from),
      `adapter '${rules.adapter.id}' cannot make this move while the participation is ${participation.state}`,
    );
  }
  await fireParticipationTrigger(change, rules, trigger, {}, reason);
}

/**
 * Status-changed events for each step of a path. Without a participation, approval is when participation
 * starts, so that step carries `enrollmentStartDate` (with one, reaching ACTIVE sets it instead).
 */
export function statusMoves(from: EnrollmentStatus, path: readonly EnrollmentStatus[], at: string, reason?: string, startsOnApproval = false): EventDraft[] {
  const drafts: EventDraft[] = [];
  let previous = from;
  for (const to of path) {
    const start = startsOnApproval && to === 'approved' ? { enrollmentStartDate: at } : {};
    drafts.push({ type: 'enrollment.status_changed', data: { from: previous, to, ...(reason === undefined ? {} : { reason }), ...start } });
    previous = to;
  }
  return drafts;
}

/** The status path to the adapter's answer; an answer no chain of legal moves reaches is the adapter's fault. */
function adapterStatusPath(rules: InstanceRules, from: EnrollmentStatus, to: EnrollmentStatus): EnrollmentStatus[] {
  try {
    return statusPath(from, to);
  } catch (error) {
    if (error instanceof IllegalTransitionError) throw rules.adapter.illegalAnswer('statusForParticipation', error);
    throw error;
  }
}

/** The enrollment's participation; a trigger on an enrollment without a device is an illegal move, not a crash. */
export function requireParticipation(participation: Participation | undefined): Participation {
  if (participation === undefined) {
    throw new IllegalTransitionError('participation', 'none', 'trigger', [], 'this enrollment has no device, so no participation');
  }
  return participation;
}
