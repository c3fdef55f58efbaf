import { appendToHistory, type SuspensionReason } from '@flexroll/sdk';
import type { Enrollment } from './Enrollment.js';
import type { EnrollmentEvent, EventDraft } from './EnrollmentEvent.js';
import type { Participation, SuspensionOwner } from './Participation.js';
import { foldDeadlineAnnouncement } from './deadlines/foldDeadlineAnnouncement.js';
import { deadlinesAfterFacts, deadlinesAfterMove } from './deadlines/deadlineFold.js';

/** What folding needs of an event: its draft, and where and when it sits in the log. */
export type FoldableEvent = EventDraft & Pick<EnrollmentEvent, 'enrollmentId' | 'seq' | 'occurredAt'>;

/**
 * Folds events onto an enrollment, oldest first. Pure: the same events always give the same document, which is
 * what lets any reader rebuild a projection that a crash left behind. The participation's history is kept bounded
 * as it is folded (see the SDK's `appendToHistory`), so the projection's size does not grow with the log.
 */
export function projectEnrollment(base: Enrollment | undefined, events: readonly FoldableEvent[]): Enrollment | undefined {
  let current = base;
  for (const event of events) {
    // A log that starts with its device's release belongs to a creation that was fenced off: the id stays empty.
    if (current === undefined && event.type === 'enrollment.device_released') continue;
    current = applyEvent(current, event);
  }
  return current;
}

/** One event folded onto the enrollment it belongs to (the first, `enrollment.created`, onto nothing). */
export function applyEvent(current: Enrollment | undefined, event: FoldableEvent): Enrollment {
  if (event.type === 'enrollment.created') {
    return { ...event.data.enrollment, seq: event.seq };
  }
  if (current === undefined) {
    throw new Error(`Event seq ${event.seq} precedes the enrollment.created of ${event.enrollmentId}`);
  }
  const touched = { ...current, seq: event.seq, updatedAt: event.occurredAt };
  switch (event.type) {
    case 'enrollment.updated':
      return applyChanges(touched, event.data.changes);
    case 'enrollment.status_changed':
      return {
        ...touched,
        eligibility: {
          status: event.data.to,
          ...(event.data.reason === undefined ? {} : { reason: event.data.reason }),
          ...(event.data.ruleVersion === undefined ? {} : { ruleVersion: event.data.ruleVersion }),
        },
        ...(event.data.enrollmentStartDate === undefined ? {} : { enrollmentStartDate: event.data.enrollmentStartDate }),
      };
    case 'enrollment.deleted':
      return { ...touched, deletedAt: event.occurredAt };
    case 'enrollment.eligibility_evaluated':
      return { ...touched, eligibility: { status: current.eligibility.status, reason: event.data.reason, ruleVersion: event.data.ruleVersion } };
    case 'enrollment.eligible_notified':
    case 'enrollment.submitted':
      return { ...current, seq: event.seq };
    case 'participation.state_changed':
      return { ...touched, participation: moveParticipation(requireParticipation(current, event), event) };
    case 'participation.updated':
      return { ...touched, participation: updateParticipation(requireParticipation(current, event), event) };
    case 'adapter.failed':
    case 'adapter.customer_data_shared':
    case 'enrollment.device_released':
      return { ...current, seq: event.seq };
    case 'participation.operator_event':
      return foldOperatorEvent(current, event);
    case 'participation.deadline_due_soon':
    case 'participation.deadline_missed':
    case 'participation.deadline_met':
      // An announcement changes nothing about the enrollment: `seq` moves, `updatedAt` does not.
      return { ...current, seq: event.seq, participation: foldDeadlineAnnouncement(requireParticipation(current, event), event.type, event.data, event.occurredAt) };
  }
}

/**
 * An operator report: its stream's clock and its native statuses are kept when it was applied (or refused: what the
 * operator reports stays a fact); a status keeps its `since` while its value does not change. Other outcomes are
 * only a trace and change nothing but the sequence number.
 */
function foldOperatorEvent(current: Enrollment, event: Extract<FoldableEvent, { type: 'participation.operator_event' }>): Enrollment {
  const { outcome, stream, occurredAt, sequence, nativeStatuses = {} } = event.data;
  if (outcome !== 'applied' && outcome !== 'refused') return { ...current, seq: event.seq };
  const participation = requireParticipation(current, event);
  const statuses = { ...participation.nativeStatuses };
  let changed = false;
  for (const [name, value] of Object.entries(nativeStatuses)) {
    const previous = statuses[name];
    changed ||= previous?.value !== value;
    statuses[name] = { value, since: previous?.value === value ? previous.since : event.occurredAt, observedAt: occurredAt };
  }
  const clock = { ...participation.operatorClock, [stream]: sequence === undefined ? { at: occurredAt } : { at: occurredAt, sequence } };
  const next = { ...participation, nativeStatuses: statuses, operatorClock: clock, ...(changed ? { updatedAt: event.occurredAt } : {}) };
  return { ...current, seq: event.seq, ...(changed ? { updatedAt: event.occurredAt } : {}), participation: next };
}

function applyChanges(enrollment: Enrollment, changes: Readonly<Record<string, unknown>>): Enrollment {
  const next: Record<string, unknown> = { ...enrollment };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next as unknown as Enrollment;
}

function moveParticipation(participation: Participation, event: Extract<FoldableEvent, { type: 'participation.state_changed' }>): Participation {
  const { state, suspensionReasons } = event.data.to;
  const { deadlines: _before, suspensionOwners: _previous, ...rest } = participation;
  const deadlines = deadlinesAfterMove(participation.deadlines, { from: participation.state, to: state, terms: event.data.deadline, occurredAt: event.occurredAt });
  const owners = ownersAfter(participation, suspensionReasons, event.data.raisedBy);
  return {
    ...rest,
    state,
    suspensionReasons,
    ...(owners === undefined ? {} : { suspensionOwners: owners }),
    history: appendToHistory(participation.history, { state, occurredAt: event.occurredAt, suspensionReasons }),
    ...(deadlines === undefined ? {} : { deadlines }),
    updatedAt: event.occurredAt,
  };
}

/** New facts, and what they change of the deadlines (who a WINDING_DOWN deadline waits on). */
function updateParticipation(participation: Participation, event: Extract<FoldableEvent, { type: 'participation.updated' }>): Participation {
  const updated: Participation = { ...participation, ...event.data.facts, updatedAt: event.occurredAt };
  const deadlines = deadlinesAfterFacts(updated);
  return deadlines === updated.deadlines ? updated : { ...updated, ...(deadlines === undefined ? {} : { deadlines }) };
}

/** Each reason still active keeps its owner; a reason the move added is owned by whoever raised it (when recorded). */
function ownersAfter(participation: Participation, reasons: readonly SuspensionReason[], raisedBy: SuspensionOwner | undefined): Participation['suspensionOwners'] {
  const owners: Partial<Record<SuspensionReason, SuspensionOwner>> = {};
  for (const reason of reasons) {
    const owner = participation.suspensionReasons.includes(reason) ? participation.suspensionOwners?.[reason] : raisedBy;
    if (owner !== undefined) owners[reason] = owner;
  }
  return Object.keys(owners).length === 0 ? undefined : owners;
}

function requireParticipation(enrollment: Enrollment, event: FoldableEvent): Participation {
  if (enrollment.participation === undefined) {
    throw new Error(`Event seq ${event.seq} changes a participation, but enrollment ${event.enrollmentId} has none`);
  }
  return enrollment.participation;
}
