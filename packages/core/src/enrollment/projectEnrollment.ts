import type { Enrollment } from '../model/Enrollment.js';
import type { EnrollmentEvent } from '../model/EnrollmentEvent.js';
import type { Participation } from '../model/Participation.js';

/**
 * Folds events onto an enrollment, oldest first. Pure: the same events always give the same document, which is
 * what lets any reader rebuild a projection that a crash left behind.
 */
export function projectEnrollment(base: Enrollment | undefined, events: readonly EnrollmentEvent[]): Enrollment | undefined {
  const fold = new HistoryBuffer();
  let current = base;
  for (const event of events) {
    current = applyEvent(current, event, fold);
  }
  return current;
}

/**
 * The participation history being built by one fold. Copying the history for every state change would make a fold
 * quadratic in the log's length; instead the fold copies it once (never touching the caller's copy) and appends.
 */
class HistoryBuffer {
  #owned: Participation['history'] | undefined;

  append(participation: Participation, entry: Participation['history'][number]): Participation['history'] {
    if (this.#owned !== participation.history) this.#owned = [...participation.history];
    (this.#owned as Participation['history'][number][]).push(entry);
    return this.#owned;
  }
}

function applyEvent(current: Enrollment | undefined, event: EnrollmentEvent, fold: HistoryBuffer): Enrollment {
  if (event.type === 'enrollment.created') {
    return { ...event.data.enrollment, seq: event.seq };
  }
  if (current === undefined) {
    throw new Error(`Event ${event.id} (seq ${event.seq}) precedes the enrollment.created of ${event.enrollmentId}`);
  }
  const touched = { ...current, seq: event.seq, updatedAt: event.occurredAt };
  switch (event.type) {
    case 'enrollment.updated':
      return applyChanges(touched, event.data.changes);
    case 'enrollment.status_changed':
      return {
        ...touched,
        eligibility: event.data.reason === undefined ? { status: event.data.to } : { status: event.data.to, reason: event.data.reason },
        ...(event.data.enrollmentStartDate === undefined ? {} : { enrollmentStartDate: event.data.enrollmentStartDate }),
      };
    case 'enrollment.deleted':
      return { ...touched, deletedAt: event.occurredAt };
    case 'participation.state_changed':
      return { ...touched, participation: moveParticipation(requireParticipation(current, event), event, fold) };
    case 'participation.updated':
      return {
        ...touched,
        participation: { ...requireParticipation(current, event), ...event.data.facts, updatedAt: event.occurredAt },
      };
    case 'adapter.failed':
      return { ...current, seq: event.seq };
  }
}

function applyChanges(enrollment: Enrollment, changes: Readonly<Record<string, unknown>>): Enrollment {
  const next: Record<string, unknown> = { ...enrollment };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next as unknown as Enrollment;
}

function moveParticipation(
  participation: Participation,
  event: Extract<EnrollmentEvent, { type: 'participation.state_changed' }>,
  fold: HistoryBuffer,
): Participation {
  const { state, suspensionReasons } = event.data.to;
  return {
    ...participation,
    state,
    suspensionReasons,
    history: fold.append(participation, { state, occurredAt: event.occurredAt, suspensionReasons }),
    updatedAt: event.occurredAt,
  };
}

function requireParticipation(enrollment: Enrollment, event: EnrollmentEvent): Participation {
  if (enrollment.participation === undefined) {
    throw new Error(`Event ${event.id} changes a participation, but enrollment ${event.enrollmentId} has none`);
  }
  return enrollment.participation;
}
