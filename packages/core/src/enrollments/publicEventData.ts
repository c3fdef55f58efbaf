import type { EnrollmentEvent } from './EnrollmentEvent.js';
import { publicEnrollment } from './publicEnrollment.js';

/**
 * An event's `data` as anyone outside the platform sees it, in `GET /events`, in a webhook body and in the delivery
 * log alike. The log keeps the whole record in `enrollment.created` and `enrollment.updated` (it is what the fold
 * rebuilds the enrollment from); outside, that enrollment is shown as the enrollment API shows it
 * ({@link publicEnrollment}). The other types carry no record and are shown as recorded.
 */
export function publicEventData(event: EnrollmentEvent): unknown {
  if (event.type === 'participation.state_changed' && event.data.raisedBy !== undefined) {
    // Who raised a suspension reason is the platform's own bookkeeping: outside, only seed 000's reasons are shown.
    const { raisedBy: _internal, ...shown } = event.data;
    return shown;
  }
  if (event.type !== 'enrollment.created' && event.type !== 'enrollment.updated') return event.data;
  const enrollment = event.data.enrollment;
  // An `enrollment.updated` recorded before it carried the whole enrollment has only `changes` and `previous`.
  if (enrollment === undefined) return event.data;
  return { ...event.data, enrollment: publicEnrollment(enrollment) };
}
