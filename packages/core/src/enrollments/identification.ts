import { InputError, type FieldIssue } from '@flexroll/sdk';
import type { EnrollmentData, IdentificationType } from './Enrollment.js';
import { IDENTIFICATION_TYPES } from './Enrollment.js';

/** What a client sends to create an enrollment (seed 004's POST body). */
export type CreateEnrollmentInput = Omit<EnrollmentData, 'programInstanceId' | 'enrollmentStartDate' | 'identificationType'> & {
  readonly identificationType: IdentificationType;
};

/** The fields each identification type requires (seed 004: "each identification method alters the information we need"). */
export const REQUIRED_FIELDS_BY_IDENTIFICATION: Readonly<Record<IdentificationType, readonly (keyof CreateEnrollmentInput)[]>> = {
  customerInfo: ['firstName', 'lastName', 'email'],
  customerId: ['customerId'],
  leadId: ['leadId'],
  enrollmentId: ['enrollmentId'],
};

/** Checks the identification type and that every field it requires is present, naming each missing one. */
export function checkIdentification(input: { readonly identificationType?: unknown } & Readonly<Record<string, unknown>>): void {
  const type = input.identificationType;
  if (typeof type !== 'string' || !(IDENTIFICATION_TYPES as readonly string[]).includes(type)) {
    throw new InputError(`identificationType must be one of ${IDENTIFICATION_TYPES.join(', ')}`, [
      { field: '/identificationType', rule: 'enum', message: `must be one of ${IDENTIFICATION_TYPES.join(', ')}` },
    ]);
  }
  const missing: FieldIssue[] = REQUIRED_FIELDS_BY_IDENTIFICATION[type as IdentificationType]
    .filter((field) => input[field] === undefined || input[field] === null || input[field] === '')
    .map((field) => ({ field: `/${field}`, rule: 'required', message: `is required when identificationType is ${type}` }));
  if (missing.length > 0) {
    throw new InputError(`Missing ${missing.map((issue) => issue.field.slice(1)).join(', ')} for identificationType ${type}`, missing);
  }
}
