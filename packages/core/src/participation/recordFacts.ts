import { requireParticipation, type EnrollmentChange, type ParticipationFacts } from '../enrollments/index.js';

/** A `participation.updated` event for the facts that really change, if any. */
export function recordFacts(change: EnrollmentChange, facts: ParticipationFacts): void {
  const participation = requireParticipation(change.current.participation);
  const changed = Object.fromEntries(
    Object.entries(facts).filter(([key, value]) => JSON.stringify(participation[key as keyof ParticipationFacts]) !== JSON.stringify(value)),
  ) as ParticipationFacts;
  if (Object.keys(changed).length > 0) change.add({ type: 'participation.updated', data: { participationId: participation.id, facts: changed } });
}
