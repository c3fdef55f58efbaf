import { grantedCustomerData, type CustomerDataField, type EnrollmentView, type OperatorReference, type ParticipationView } from '@flexroll/sdk';
import type { Enrollment } from './Enrollment.js';
import type { Participation } from './Participation.js';

/** What of the enrollment a participation's view carries: the device's make and serial number, nothing personal. */
type DeviceFields = Pick<Enrollment, 'manufacturerSlugs' | 'serialNumber'>;

/** A participation as adapters see it: no consent details, no internal bookkeeping. */
export function toParticipationView(participation: Participation, device: DeviceFields = {}, references?: readonly OperatorReference[]): ParticipationView {
  return {
    id: participation.id,
    state: participation.state,
    suspensionReasons: participation.suspensionReasons,
    history: participation.history,
    meterAccessAvailable: participation.meterAccessAvailable,
    ...(participation.referenceId === undefined ? {} : { providerReferenceId: participation.referenceId }),
    ...(participation.lastTelemetryAt === undefined ? {} : { lastTelemetryAt: participation.lastTelemetryAt }),
    ...(participation.operatorNativeState === undefined ? {} : { operatorNativeState: participation.operatorNativeState }),
    ...(participation.nativeStatuses === undefined ? {} : { nativeStatuses: participation.nativeStatuses }),
    ...(participation.awaiting === undefined || participation.awaiting.length === 0 ? {} : { awaiting: participation.awaiting }),
    ...(references === undefined ? {} : { operatorReferences: references }),
    ...(device.manufacturerSlugs === undefined ? {} : { manufacturerSlugs: device.manufacturerSlugs }),
    ...(device.serialNumber === undefined ? {} : { serialNumber: device.serialNumber }),
  };
}

/**
 * The view of an enrollment's participation (which it must have); with `granted`, the customer's data among those
 * fields that the enrollment has (`customer`) — only for a call that records the hand-over ({@link customerOf}).
 */
export function participationViewOf(enrollment: Enrollment, references?: readonly OperatorReference[], granted: readonly CustomerDataField[] = []): ParticipationView {
  if (enrollment.participation === undefined) throw new Error(`Enrollment ${enrollment.id} has no participation`);
  const view = toParticipationView(enrollment.participation, enrollment, references);
  const customer = customerOf(enrollment, granted);
  return customer === undefined ? view : { ...view, customer };
}

/** Exactly the granted fields the enrollment has; undefined when none (nothing is handed over, nothing recorded). */
export function customerOf(enrollment: Enrollment, granted: readonly CustomerDataField[]): ParticipationView['customer'] {
  return granted.length === 0 ? undefined : grantedCustomerData(enrollment, granted);
}

/**
 * An enrollment as adapters see it: what eligibility depends on, and no personal contact data — unless `granted`
 * names fields of the instance's grant, for a call that records the hand-over ({@link customerOf}).
 */
export function toEnrollmentView(enrollment: Enrollment, granted: readonly CustomerDataField[] = []): EnrollmentView {
  const customer = customerOf(enrollment, granted);
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
    ...(enrollment.participation === undefined ? {} : { participation: toParticipationView(enrollment.participation, enrollment) }),
    ...(customer === undefined ? {} : { customer }),
  };
}
