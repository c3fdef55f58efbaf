import type { CallContext } from '../platform/CallContext.js';
import type { Enrollment } from '../enrollments/Enrollment.js';
import type { CoreHarness } from './CoreHarness.js';

/** Seed 000's happy path from ENROLMENT_REQUESTED to ACTIVE, the way each step really arrives. */
export async function driveToActive(h: CoreHarness, context: CallContext, enrollment: Enrollment): Promise<Enrollment> {
  const participationId = enrollment.participation!.id;
  await h.participations.trigger(context, participationId, { trigger: 'consent_requested' });
  await h.participations.grantConsent(context, participationId, { grantedAt: h.clock.now().toISOString(), termsVersion: '2025-01' });
  const afterTelemetry = await h.participations.recordTelemetry(context, participationId, h.clock.now().toISOString());
  if (afterTelemetry.participation.state === 'AWAITING_METER_ACCESS') await h.participations.grantMeterAccess(context, participationId);
  await h.participations.trigger(context, participationId, { trigger: 'control_confirmed' });
  await h.enrollments.update(context, enrollment.id, { status: 'eligible', reason: 'In service territory' });
  await h.enrollments.update(context, enrollment.id, { status: 'approved' });
  return (await h.participations.trigger(context, participationId, { trigger: 'device_live' })).enrollment;
}
