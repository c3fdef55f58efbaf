import { Type } from '@sinclair/typebox';
import { ENROLLMENT_STATUSES, PARTICIPATION_STATES } from '@flexroll/sdk';
import { ENROLLMENT_INPUT_SCHEMA, ENROLLMENT_PATCH_FIELDS, ENROLLMENT_RESPONSE_SCHEMA } from '@flexroll/core';
import { closed, DateTime, PageOf, PageQuery, StringEnum, Text } from './common.js';

/** The enrollment's fields come from core's catalogue (`enrollmentFields.ts`); only the envelope is spelled here. */
const Status = StringEnum(ENROLLMENT_STATUSES);

/** Seed 004's POST body, from core: bulk-import rows are checked against the same schema. */
export const CreateEnrollmentBody = ENROLLMENT_INPUT_SCHEMA;

/** PATCH: data changes (`null` removes an optional field), a status move with its reason, or both. */
export const UpdateEnrollmentBody = Type.Object(
  {
    ...ENROLLMENT_PATCH_FIELDS,
    status: Type.Optional(Status),
    reason: Type.Optional(Text(500)),
    eligibilityStatus: Type.Optional(StringEnum(ENROLLMENT_STATUSES, { description: 'Seed 004’s data-model name for `status`' })),
    eligibilityReason: Type.Optional(Text(500, 'Seed 004’s data-model name for `reason`')),
  },
  { ...closed, minProperties: 1 },
);

/**
 * The list's filters, by the names the list's query gives them: the list, its CSV export and a bulk action's `filter`
 * take the same ones.
 */
export const EnrollmentFilterFields = {
  status: Type.Optional(Type.String({ pattern: `^(${ENROLLMENT_STATUSES.join('|')})(,(${ENROLLMENT_STATUSES.join('|')}))*$`, description: 'One or more statuses, comma-separated' })),
  tags: Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: '^[^\\u0000-\\u001f]*$', description: 'Comma-separated; enrollments carrying all of them' })),
  referenceId: Type.Optional(Text(100)),
  createdFrom: Type.Optional(DateTime),
  createdTo: Type.Optional(DateTime),
  updatedFrom: Type.Optional(DateTime),
  updatedTo: Type.Optional(DateTime),
  participationState: Type.Optional(Type.String({
    pattern: `^(${PARTICIPATION_STATES.join('|')})(,(${PARTICIPATION_STATES.join('|')}))*$`,
    description: 'One or more participation states (seed 000’s names), comma-separated: enrollments whose participation is in any of them',
  })),
  manufacturer: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A manufacturer slug among the enrollment’s `manufacturerSlugs` (case aside)' })),
  postalCodePrefix: Type.Optional(Type.String({ minLength: 1, maxLength: 20, pattern: '[A-Za-z0-9]', description: 'The start of the address’s postal code (case, spaces and dashes aside)' })),
  overdue: Type.Optional(StringEnum(['true', 'false'] as const, { description: 'true: only enrollments with a missed deadline (the overdue queue’s `missed`, snoozed ones included)' })),
  q: Type.Optional(Type.String({
    minLength: 1, maxLength: 200,
    description: 'Text search: every word must start a word of the first name, last name, e-mail or reference id (case and accents aside; words split at anything not a letter or digit)',
  })),
};

export const ListEnrollmentsQuery = Type.Object({ ...PageQuery, ...EnrollmentFilterFields }, closed);

/** The CSV export's query: the list's filters, no pages (the file holds every enrollment they select). */
export const ExportEnrollmentsQuery = Type.Object(EnrollmentFilterFields, closed);

/** An enrollment as the API returns it: core's schema, which the webhook payload schemas use too. */
export const EnrollmentResponse = ENROLLMENT_RESPONSE_SCHEMA;

export const EnrollmentPage = PageOf(EnrollmentResponse);
