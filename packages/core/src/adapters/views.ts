import type { EnrollmentView, ParticipationView } from '@flexroll/sdk';
import type { Enrollment } from '../model/Enrollment.js';
import type { Participation } from '../model/Participation.js';

/** A participation as adapters see it: no consent details, no internal bookkeeping. */
export function toParticipationView(participation: Participation): ParticipationView {
  return {
    id: participation.id,
    state: participation.state,
    suspensionReasons: participation.suspensionReasons,
    history: participation.history,
    meterAccessAvailable: participation.meterAccessAvailable,
    ...(participation.referenceId === undefined ? {} : { referenceId: participation.referenceId }),
    ...(participation.lastTelemetryAt === undefined ? {} : { lastTelemetryAt: participation.lastTelemetryAt }),
    ...(participation.operatorNativeState === undefined ? {} : { operatorNativeState: participation.operatorNativeState }),
  };
}

/** An enrollment as adapters see it: what eligibility depends on, and no personal contact data. */
export function toEnrollmentView(enrollment: Enrollment): EnrollmentView {
  return {
    id: enrollment.id,
    programInstanceId: enrollment.programInstanceId,
    status: enrollment.eligibility.status,
    ...(enrollment.eligibility.reason === undefined ? {} : { reason: enrollment.eligibility.reason }),
    ...(enrollment.address === undefined ? {} : { address: { ...enrollment.address } }),
    ...(enrollment.manufacturerSlugs === undefined ? {} : { manufacturerSlugs: enrollment.manufacturerSlugs }),
    ...(enrollment.serialNumber === undefined ? {} : { serialNumber: enrollment.serialNumber }),
    ...(enrollment.referenceId === undefined ? {} : { referenceId: enrollment.referenceId }),
    ...(enrollment.tags === undefined ? {} : { tags: enrollment.tags }),
    ...(enrollment.participation === undefined ? {} : { participation: toParticipationView(enrollment.participation) }),
  };
}
