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
import type { BoundAdapter } from '../operators/index.js';
import { toParticipationView } from './views.js';
import type { Participation, SuspensionOwner } from './Participation.js';
import type { ProgramInstance } from '../programs/index.js';
import { addEnrollmentUpdate } from './addEnrollmentUpdate.js';
import { addStateChange } from './addStateChange.js';
import type { EnrollmentChange } from './EnrollmentChange.js';
import { statusPath } from './statusPath.js';
import { STATUS_REASON_BY_TRIGGER } from './statusReasons.js';

/** What a decision needs about the enrollment's program instance: its settings and its bound adapter. */
export interface InstanceRules {
  readonly instance: ProgramInstance;
  readonly adapter: BoundAdapter;
}

/**
 * Fires a participation trigger within a change: the state change (checked by the participation machine, with the
 * terms of the step it begins), the
 * enrollment status moves the adapter maps it to (each checked by the enrollment machine, or nothing is written),
 * and `enrollmentStartDate` when ACTIVE is first reached. `raisedBy`: who raises the suspension reason a
 * `suspension_raised` adds (kept as its owner: see `Participation.suspensionOwners`).
 */
export async function fireParticipationTrigger(
  change: EnrollmentChange,
  rules: InstanceRules,
  trigger: ParticipationTrigger,
  context: Omit<TriggerContext, 'meterAccessRequired' | 'meterAccessAvailable'> = {},
  reason?: string,
  raisedBy?: SuspensionOwner,
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
  const raises = raisedBy !== undefined && to.suspensionReasons.some((added) => !from.suspensionReasons.includes(added));
  addStateChange(change, rules.instance, { participationId: participation.id, trigger, from, to, ...(reason === undefined ? {} : { reason }), ...(raises ? { raisedBy } : {}) });
  addStatusMoves(change, path, reason ?? STATUS_REASON_BY_TRIGGER[trigger]);
  if (to.state === 'ACTIVE' && enrollment.enrollmentStartDate === undefined) {
    addEnrollmentUpdate(change, { enrollmentStartDate: change.at }, { enrollmentStartDate: null });
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
    addStatusMoves(change, [to], reason, enrollment.enrollmentStartDate === undefined);
    return;
  }
  const trigger = await rules.adapter.triggerForStatusMove({ from, to, participation: toParticipationView(participation) });
  if (trigger === null) {
    addStatusMoves(change, [to], reason);
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
      (name) => `adapter '${rules.adapter.id}' cannot make this move while the participation is ${name(participation.state)}`,
    );
  }
  await fireParticipationTrigger(change, rules, trigger, {}, reason);
}

/**
 * Moves the status along a path, one legal step at a time: the one place status moves are made. Each step is an
 * `enrollment.status_changed` (from, to, reason) followed by an `enrollment.updated` whose `changes` hold the new
 * `eligibility` and whose `enrollment` is the whole enrollment after the step (seed 004: consumers follow both).
 * Without a participation, approval is when participation starts, so that step also sets `enrollmentStartDate`
 * (with one, reaching ACTIVE sets it instead).
 */
export function addStatusMoves(change: EnrollmentChange, path: readonly EnrollmentStatus[], reason?: string, startsOnApproval = false): void {
  for (const to of path) {
    const before = change.current.eligibility;
    const starts = startsOnApproval && to === 'approved';
    const start = starts ? { enrollmentStartDate: change.at } : {};
    change.add({ type: 'enrollment.status_changed', data: { from: before.status, to, ...(reason === undefined ? {} : { reason }), ...start } });
    addEnrollmentUpdate(change, { eligibility: change.current.eligibility, ...start }, { eligibility: before, ...(starts ? { enrollmentStartDate: null } : {}) });
  }
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
