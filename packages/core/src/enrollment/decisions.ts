import {
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
import type { Enrollment } from '../model/Enrollment.js';
import type { EventDraft } from '../model/EnrollmentEvent.js';
import type { Participation } from '../model/Participation.js';
import type { ProgramInstance } from '../model/ProgramInstance.js';
import { statusPath } from './statusPath.js';

/** What a decision needs about the enrollment's program instance: its settings and its bound adapter. */
export interface InstanceRules {
  readonly instance: ProgramInstance;
  readonly adapter: BoundAdapter;
}

/**
 * The events for firing a participation trigger: the state change (checked by the participation machine), the
 * enrollment status moves the adapter maps it to (each checked by the enrollment machine, or nothing is written),
 * and `enrollmentStartDate` when ACTIVE is first reached.
 */
export async function decideParticipationTrigger(
  enrollment: Enrollment,
  rules: InstanceRules,
  at: string,
  trigger: ParticipationTrigger,
  context: Omit<TriggerContext, 'meterAccessRequired' | 'meterAccessAvailable'> = {},
  reason?: string,
): Promise<EventDraft[]> {
  const participation = requireParticipation(enrollment);
  const from: ParticipationSnapshot = { state: participation.state, suspensionReasons: participation.suspensionReasons };
  const to = applyParticipationTrigger(from, trigger, {
    ...context,
    meterAccessRequired: rules.instance.meterAccessRequired,
    meterAccessAvailable: participation.meterAccessAvailable,
  });
  const drafts: EventDraft[] = [
    { type: 'participation.state_changed', data: { participationId: participation.id, trigger, from, to, ...(reason === undefined ? {} : { reason }) } },
  ];
  const status = enrollment.eligibility.status;
  const target = await rules.adapter.statusForParticipation({ trigger, from, to, currentStatus: status });
  drafts.push(...statusMoves(status, statusPath(status, target), at, reason ?? `participation ${trigger}`));
  if (to.state === 'ACTIVE' && enrollment.enrollmentStartDate === undefined) {
    drafts.push({ type: 'enrollment.updated', data: { changes: { enrollmentStartDate: at }, previous: {} } });
  }
  return drafts;
}

/**
 * The events for moving an enrollment's status through the enrollment API. Without a participation the move is
 * checked against the enrollment machine alone; with one, the adapter names the trigger, which must be legal too.
 */
export async function decideStatusMove(enrollment: Enrollment, rules: InstanceRules, at: string, to: EnrollmentStatus, reason?: string): Promise<EventDraft[]> {
  const from = enrollment.eligibility.status;
  assertEnrollmentStatusMove(from, to);
  const participation = enrollment.participation;
  if (participation === undefined) return statusMoves(from, [to], at, reason, enrollment.enrollmentStartDate === undefined);
  const trigger = await rules.adapter.triggerForStatusMove({ from, to, participation: toParticipationView(participation) });
  if (trigger === null) return statusMoves(from, [to], at, reason);
  if (trigger === undefined) {
    throw new IllegalTransitionError(
      'enrollment',
      from,
      to,
      allowedEnrollmentStatusMoves(from),
      `adapter '${rules.adapter.id}' cannot make this move while the participation is ${participation.state}`,
    );
  }
  return decideParticipationTrigger(enrollment, rules, at, trigger, {}, reason);
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

function requireParticipation(enrollment: Enrollment): Participation {
  if (enrollment.participation === undefined) {
    throw new IllegalTransitionError('participation', 'none', 'trigger', [], 'this enrollment has no device, so no participation');
  }
  return enrollment.participation;
}
