import { expectOneOf } from '../validation/expectOneOf.js';
import { expectOptionalBoolean, expectRecord } from '../validation/expectShape.js';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from './statuses.js';

/** Options of the enrollment status checks. @example allowedEnrollmentStatusMoves('rejected', { criteriaChanged: true } satisfies EnrollmentMoveOptions) */
export interface EnrollmentMoveOptions {
  /** The properties eligibility depends on (address, devices, manufacturer, serial number…) have changed. */
  readonly criteriaChanged?: boolean;
}

/** Reads a status at runtime, naming `field` in the InputError. Internal to the SDK. @example readEnrollmentStatus('approved', '/to') */
export function readEnrollmentStatus(value: unknown, field: string): EnrollmentStatus {
  return expectOneOf(value, ENROLLMENT_STATUSES, field);
}

/** Reads the options at runtime. Internal to the SDK. @example readEnrollmentMoveOptions(undefined) // { criteriaChanged: false } */
export function readEnrollmentMoveOptions(value: unknown): Required<EnrollmentMoveOptions> {
  if (value === undefined) return { criteriaChanged: false };
  const record = expectRecord(value, '/options');
  return { criteriaChanged: expectOptionalBoolean(record.criteriaChanged, '/options/criteriaChanged') === true };
}
