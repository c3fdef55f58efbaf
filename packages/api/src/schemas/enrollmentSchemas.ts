import { Type } from '@sinclair/typebox';
import { ENROLLMENT_STATUSES } from '@flexroll/sdk';
import {
  EMAIL_SCHEMA, ENROLLMENT_DATA_FIELDS, ENROLLMENT_INPUT_SCHEMA, IDENTIFICATION_TYPES, METADATA_SCHEMA, PHONE_SCHEMA, SLUG_SCHEMA, TAG_SCHEMA,
} from '@flexroll/core';
import { Address, closed, Cuid, DateTime, Nullable, PageOf, PageQuery, StringEnum, Text } from './common.js';

const Email = EMAIL_SCHEMA;
const Phone = PHONE_SCHEMA;
const Slug = SLUG_SCHEMA;
const Tag = TAG_SCHEMA;
const Metadata = METADATA_SCHEMA;
const Status = StringEnum(ENROLLMENT_STATUSES);
const dataFields = ENROLLMENT_DATA_FIELDS;

/** Seed 004's POST body, from core: bulk-import rows are checked against the same schema. */
export const CreateEnrollmentBody = ENROLLMENT_INPUT_SCHEMA;

/** PATCH: data changes (`null` removes an optional field), a status move with its reason, or both. */
export const UpdateEnrollmentBody = Type.Object(
  {
    firstName: Type.Optional(Text(100)),
    lastName: Type.Optional(Text(100)),
    email: Type.Optional(Email),
    phone: Type.Optional(Nullable(Phone)),
    address: Type.Optional(Nullable(Address)),
    manufacturerSlugs: Type.Optional(Nullable(Type.Array(Slug, { maxItems: 20, uniqueItems: true }))),
    metadata: Type.Optional(Nullable(Metadata)),
    serialNumber: Type.Optional(Text(100)),
    referenceId: Type.Optional(Nullable(Text(100))),
    referenceDescription: Type.Optional(Nullable(Text(500))),
    tags: Type.Optional(Nullable(Type.Array(Tag, { maxItems: 50, uniqueItems: true }))),
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

/** An enrollment as the API returns it: seed 004's sample response, plus the participation's id and times. */
export const EnrollmentResponse = Type.Object(
  {
    id: Cuid,
    identificationType: StringEnum(IDENTIFICATION_TYPES),
    programInstanceId: Cuid,
    leadId: Type.Optional(Type.String()),
    customerId: Type.Optional(Type.String()),
    enrollmentId: Type.Optional(Type.String()),
    ...dataFields,
    enrollmentStartDate: Type.Optional(DateTime),
    eligibility: Type.Object(
      { status: Status, reason: Type.Optional(Type.String()), ruleVersion: Type.Optional(Type.Integer({ description: 'The eligibility rules version whose evaluation gave this status or reason' })), programInstanceId: Cuid },
      closed,
    ),
    eligibilityStatus: StringEnum(ENROLLMENT_STATUSES, { description: 'The same as `eligibility.status` (seed 004’s data model)' }),
    eligibilityReason: Type.Optional(Type.String({ description: 'The same as `eligibility.reason` (seed 004’s data model)' })),
    participationId: Type.Optional(Type.String()),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  closed,
);

export const EnrollmentPage = PageOf(EnrollmentResponse);
