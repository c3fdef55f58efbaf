import { Type } from '@sinclair/typebox';
import { ENROLLMENT_STATUSES } from '@flexroll/sdk';
import { IDENTIFICATION_TYPES, REQUIRED_FIELDS_BY_IDENTIFICATION } from '@flexroll/core';
import { Address, closed, Cuid, DateTime, Nullable, PageOf, PageQuery, StringEnum, Text } from './common.js';

const Email = Type.String({ format: 'email', maxLength: 254 });
const Phone = Type.String({ pattern: '^\\+?[0-9 ()-]{4,20}$' });
const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });
const Tag = Text(64);
const Metadata = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 });
const Status = StringEnum(ENROLLMENT_STATUSES);

const dataFields = {
  firstName: Type.Optional(Text(100)),
  lastName: Type.Optional(Text(100)),
  email: Type.Optional(Email),
  phone: Type.Optional(Phone),
  address: Type.Optional(Address),
  manufacturerSlugs: Type.Optional(Type.Array(Slug, { maxItems: 20, uniqueItems: true })),
  metadata: Type.Optional(Metadata),
  serialNumber: Type.Optional(Text(100)),
  referenceId: Type.Optional(Text(100)),
  referenceDescription: Type.Optional(Text(500)),
  tags: Type.Optional(Type.Array(Tag, { maxItems: 50, uniqueItems: true })),
};

/** Seed 004's POST body; each identification type requires its own fields (an `if`/`then` per type). */
export const CreateEnrollmentBody = Type.Object(
  {
    identificationType: StringEnum(IDENTIFICATION_TYPES),
    leadId: Type.Optional(Cuid),
    customerId: Type.Optional(Cuid),
    enrollmentId: Type.Optional(Cuid),
    ...dataFields,
  },
  {
    ...closed,
    allOf: IDENTIFICATION_TYPES.map((type) => ({
      if: { properties: { identificationType: { const: type } }, required: ['identificationType'] },
      then: { required: [...REQUIRED_FIELDS_BY_IDENTIFICATION[type]] },
    })),
  },
);

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
    eligibility: Type.Object({ status: Status, reason: Type.Optional(Type.String()), programInstanceId: Cuid }, closed),
    eligibilityStatus: StringEnum(ENROLLMENT_STATUSES, { description: 'The same as `eligibility.status` (seed 004’s data model)' }),
    eligibilityReason: Type.Optional(Type.String({ description: 'The same as `eligibility.reason` (seed 004’s data model)' })),
    participationId: Type.Optional(Type.String()),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  closed,
);

export const EnrollmentPage = PageOf(EnrollmentResponse);
