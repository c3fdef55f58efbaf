import type { EnrollmentEvent, EventDataByType } from './EnrollmentEvent.js';
import { publicEnrollment } from './publicEnrollment.js';

/**
 * An event's `data` as anyone outside the platform sees it, in `GET /events`, in a webhook body and in the delivery
 * log alike. The log keeps the whole record in `enrollment.created` and `enrollment.updated` (it is what the fold
 * rebuilds the enrollment from); outside, that enrollment is shown as the enrollment API shows it
 * ({@link publicEnrollment}). A `participation.state_changed` is shown without the deadline terms it carries (issue
 * 20: internal until the deadline resource shows them). The other types carry no record and are shown as recorded.
 */
export function publicEventData(event: EnrollmentEvent): unknown {
  if (event.type === 'participation.state_changed') return withoutDeadline(event.data);
  if (event.type !== 'enrollment.created' && event.type !== 'enrollment.updated') return event.data;
  const enrollment = event.data.enrollment;
  // An `enrollment.updated` recorded before it carried the whole enrollment has only `changes` and `previous`.
  if (enrollment === undefined) return event.data;
  return { ...event.data, enrollment: publicEnrollment(enrollment) };
}

function withoutDeadline(data: EventDataByType['participation.state_changed']): unknown {
  const { deadline: _deadline, ...shown } = data;
  return shown;
}
