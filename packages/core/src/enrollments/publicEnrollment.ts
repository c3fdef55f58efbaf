import type { Enrollment } from './Enrollment.js';
import type { Deadline } from './deadlines/Deadline.js';
import { publicDeadline } from './deadlines/publicDeadline.js';
import { ENROLLMENT_FIELD_ENTRIES } from './enrollmentFieldLists.js';

/** Every field of the catalogue, in its order (the response schema's). */
const DATA_FIELDS = ENROLLMENT_FIELD_ENTRIES.map(([name]) => name);

/**
 * An enrollment as anyone outside the platform sees it — the REST answer, `GET /events` and every webhook body
 * (ENROLLMENT_RESPONSE_SCHEMA): seed 004's response shape, camelCase, `eligibility { status, reason, programInstanceId }`
 * as in its example response, and the same status and reason as its data model's flat `eligibilityStatus` /
 * `eligibilityReason`. The workspace and the participation record stay inside; the participation shows as its id, and
 * its open deadline (issue 20) as `deadline`, `null` when it has none.
 * It lives in core, beside the field catalogue, so the API and the webhook outbox render with this one function.
 */
export function publicEnrollment(enrollment: Omit<Enrollment, 'seq'>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: enrollment.id,
    identificationType: enrollment.identificationType,
    programInstanceId: enrollment.programInstanceId,
  };
  for (const field of DATA_FIELDS) if (enrollment[field] !== undefined) body[field] = enrollment[field];
  body.eligibility = { ...enrollment.eligibility, programInstanceId: enrollment.programInstanceId };
  body.eligibilityStatus = enrollment.eligibility.status;
  if (enrollment.eligibility.reason !== undefined) body.eligibilityReason = enrollment.eligibility.reason;
  if (enrollment.participation !== undefined) body.participationId = enrollment.participation.id;
  const open = openDeadlineOf(enrollment);
  body.deadline = open === undefined ? null : publicDeadline(open);
  body.createdAt = enrollment.createdAt;
  body.updatedAt = enrollment.updatedAt;
  return body;
}

/** The participation's open deadline (issue 20's fold keeps it as `participation.deadlines.open`). */
function openDeadlineOf(enrollment: Omit<Enrollment, 'seq'>): Deadline | undefined {
  return enrollment.participation?.deadlines?.open;
}

