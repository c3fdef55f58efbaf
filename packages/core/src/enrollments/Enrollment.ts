import type { EnrollmentStatus } from '@flexroll/sdk';
import type { Address } from './people/Person.js';
import type { Participation } from './Participation.js';
import type { MutableEnrollmentField } from './enrollmentFieldLists.js';

/** The four ways of saying who is enrolling (seed 004). */
export const IDENTIFICATION_TYPES = ['leadId', 'customerId', 'enrollmentId', 'customerInfo'] as const;
export type IdentificationType = (typeof IDENTIFICATION_TYPES)[number];

/**
 * The enrollment's own data, field for field from seed 004's data model. Each field is declared, with what the
 * platform does with it, in the catalogue (`enrollment/enrollmentFields.ts`), which is checked against this type.
 */
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

/** A change to an enrollment's data: new values, with `null` removing a field. The platform also sets `enrollmentStartDate`. */
export type EnrollmentChanges = { -readonly [K in MutableEnrollmentField | 'enrollmentStartDate']?: EnrollmentData[K] | null };

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
