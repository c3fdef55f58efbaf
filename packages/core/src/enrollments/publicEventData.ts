import type { EnrollmentEvent, EventDataByType } from './EnrollmentEvent.js';
import { publicDeadline } from './deadlines/publicDeadline.js';
import { publicEnrollment } from './publicEnrollment.js';

/**
 * An event's `data` as anyone outside the platform sees it, in `GET /events`, in a webhook body and in the delivery
 * log alike. The log keeps the whole record in `enrollment.created` and `enrollment.updated` (it is what the fold
 * rebuilds the enrollment from); outside, that enrollment is shown as the enrollment API shows it
 * ({@link publicEnrollment}). A `participation.state_changed` is shown without the deadline terms it carries (issue
 * 20: internal until the deadline resource shows them). A deadline alert's deadline is shown without what the
 * platform keeps to decide its alerts ({@link publicDeadline}). The other types carry no record and are shown as
 * recorded.
 */
export function publicEventData(event: EnrollmentEvent): unknown {
  switch (event.type) {
    case 'participation.state_changed':
      return withoutBookkeeping(event.data);
    case 'participation.deadline_due_soon':
    case 'participation.deadline_missed':
    case 'participation.deadline_met':
      return { participationId: event.data.participationId, deadline: publicDeadline(event.data.deadline) };
    case 'enrollment.created':
    case 'enrollment.updated': {
      const enrollment = event.data.enrollment;
      // An `enrollment.updated` recorded before it carried the whole enrollment has only `changes` and `previous`.
      if (enrollment === undefined) return event.data;
      return { ...event.data, enrollment: publicEnrollment(enrollment) };
    }
    default:
      return event.data;
  }
}

/**
 * The terms of a step and who raised a suspension reason are the platform's own bookkeeping: outside, a move shows
 * seed 000's states and reasons only.
 */
function withoutBookkeeping(data: EventDataByType['participation.state_changed']): unknown {
  const { deadline: _deadline, raisedBy: _internal, ...shown } = data;
  return shown;
}
