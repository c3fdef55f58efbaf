import type { EventDataByType } from './EnrollmentEvent.js';
import type { EnrollmentChange } from './EnrollmentChange.js';
import { deadlineTerms, type DeadlineInstance } from './deadlines/deadlineTerms.js';

/** A `participation.state_changed` as a decision states it: the terms of the step it begins are worked out here. */
export type StateChangeData = Omit<EventDataByType['participation.state_changed'], 'deadline'>;

/**
 * Adds a `participation.state_changed` to a change, carrying the terms of the step it begins ({@link deadlineTerms},
 * from the instance's settings now): the one way a participation moves, so every move fixes its step's deadline.
 */
export function addStateChange(change: EnrollmentChange, instance: DeadlineInstance, data: StateChangeData): void {
  const participation = change.current.participation;
  if (participation === undefined) throw new Error(`Enrollment ${change.base.id} has no participation to move`);
  const deadline = deadlineTerms(
    {
      participationId: data.participationId,
      from: data.from.state,
      to: data.to,
      occurredAt: change.at,
      ...(participation.deadlines?.open === undefined ? {} : { open: participation.deadlines.open }),
      rewardsSettled: participation.rewardsSettledAt !== undefined,
    },
    instance,
  );
  change.add({ type: 'participation.state_changed', data: { ...data, ...(deadline === undefined ? {} : { deadline }) } });
}
