import type { Enrollment } from '../model/Enrollment.js';
import type { EnrollmentEvent, EventDraft } from '../model/EnrollmentEvent.js';
import { projectEnrollment } from './projectEnrollment.js';

/** The enrollment as it would be once these drafts are appended: the same fold the log uses, on throwaway envelopes. */
export function previewDrafts(enrollment: Enrollment, drafts: readonly EventDraft[], at: string): Enrollment {
  const events = drafts.map(
    (draft, index) =>
      ({
        ...draft,
        id: `preview_${index}`,
        workspaceId: enrollment.workspaceId,
        enrollmentId: enrollment.id,
        seq: enrollment.seq + index + 1,
        occurredAt: at,
        actor: { type: 'system', id: 'preview' },
        source: 'preview',
        batch: { id: 'preview', index, size: drafts.length },
      }) as EnrollmentEvent,
  );
  return projectEnrollment(enrollment, events) ?? enrollment;
}
