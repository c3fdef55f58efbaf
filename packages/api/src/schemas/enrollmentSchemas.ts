import { Type } from '@sinclair/typebox';
import { ENROLLMENT_STATUSES } from '@flexroll/sdk';
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

export const ListEnrollmentsQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(Type.String({ pattern: `^(${ENROLLMENT_STATUSES.join('|')})(,(${ENROLLMENT_STATUSES.join('|')}))*$`, description: 'One or more statuses, comma-separated' })),
    tags: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'Comma-separated; enrollments carrying all of them' })),
    referenceId: Type.Optional(Text(100)),
    createdFrom: Type.Optional(DateTime),
    createdTo: Type.Optional(DateTime),
    updatedFrom: Type.Optional(DateTime),
    updatedTo: Type.Optional(DateTime),
  },
  closed,
);

/** An enrollment as the API returns it: core's schema, which the webhook payload schemas use too. */
export const EnrollmentResponse = ENROLLMENT_RESPONSE_SCHEMA;

export const EnrollmentPage = PageOf(EnrollmentResponse);
