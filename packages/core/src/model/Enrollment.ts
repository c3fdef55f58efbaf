import type { EnrollmentStatus } from '@flexroll/sdk';
import type { Address } from './Person.js';
import type { Participation } from './Participation.js';

/** The four ways of saying who is enrolling (seed 004). */
export const IDENTIFICATION_TYPES = ['leadId', 'customerId', 'enrollmentId', 'customerInfo'] as const;
export type IdentificationType = (typeof IDENTIFICATION_TYPES)[number];

/** The enrollment's own data, field for field from seed 004's data model. */
export interface EnrollmentData {
  readonly identificationType: IdentificationType;
  readonly programInstanceId: string;
  readonly address?: Address;
  readonly phone?: string;
  readonly manufacturerSlugs?: readonly string[];
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly serialNumber?: string;
  readonly referenceId?: string;
  readonly referenceDescription?: string;
  readonly tags?: readonly string[];
  readonly enrollmentStartDate?: string;
  readonly leadId?: string;
  readonly customerId?: string;
  readonly enrollmentId?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
}

/** The fields a client may change after creation. */
export const MUTABLE_ENROLLMENT_FIELDS = [
  'address',
  'phone',
  'manufacturerSlugs',
  'metadata',
  'serialNumber',
  'referenceId',
  'referenceDescription',
  'tags',
  'firstName',
  'lastName',
  'email',
] as const satisfies readonly (keyof EnrollmentData)[];
export type MutableEnrollmentField = (typeof MUTABLE_ENROLLMENT_FIELDS)[number];
/** A change to an enrollment's data: new values, with `null` removing a field. The platform also sets `enrollmentStartDate`. */
export type EnrollmentChanges = { -readonly [K in MutableEnrollmentField | 'enrollmentStartDate']?: EnrollmentData[K] | null };

/** Changing any of these re-evaluates an `ineligible` or `rejected` enrollment (seed 004: "unless enrollment criteria change"). */
export const ELIGIBILITY_CRITERIA_FIELDS: readonly MutableEnrollmentField[] = ['address', 'manufacturerSlugs', 'serialNumber'];

/** Seed 004's `eligibility` object. */
export interface Eligibility {
  readonly status: EnrollmentStatus;
  readonly reason?: string;
  /** The version of the instance's eligibility rules that gave this status or reason, when an evaluation did. */
  readonly ruleVersion?: number;
}

/**
 * The enrollment as read: a projection of its events, brought up to date whenever it is read.
 * `seq` is the sequence number of the last event folded into it.
 */
export interface Enrollment extends EnrollmentData {
  readonly id: string;
  readonly workspaceId: string;
  readonly eligibility: Eligibility;
  readonly participation?: Participation;
  readonly seq: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt?: string;
}
