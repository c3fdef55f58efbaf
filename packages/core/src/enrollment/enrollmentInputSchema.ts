import { Type, type TSchema } from '@sinclair/typebox';
import { IDENTIFICATION_TYPES } from '../model/Enrollment.js';
import { CUID_PATTERN } from '../ids/ids.js';
import { REQUIRED_FIELDS_BY_IDENTIFICATION } from './identification.js';

/**
 * Seed 004's enrollment fields as JSON Schema (TypeBox), in one place: the API's POST body and every row of a bulk
 * import are checked against the same schema, so a row is accepted exactly when the same POST would be.
 */
const closed = { additionalProperties: false } as const;
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const StringEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const ADDRESS_SCHEMA = Type.Object(
  { streetOne: Text(200), streetTwo: Type.Optional(Text(200)), city: Text(200), state: Text(100), postalCode: Text(20), country: Text(100) },
  closed,
);
export const EMAIL_SCHEMA = Type.String({ format: 'email', maxLength: 254 });
export const PHONE_SCHEMA = Type.String({ pattern: '^\\+?[0-9 ()-]{4,20}$' });
/** A manufacturer slug, e.g. `tesla`. */
export const SLUG_SCHEMA = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });
export const TAG_SCHEMA = Text(64);
export const METADATA_SCHEMA = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 });

/** The data fields of an enrollment a client may send (every one optional here). */
export const ENROLLMENT_DATA_FIELDS = {
  firstName: Type.Optional(Text(100)),
  lastName: Type.Optional(Text(100)),
  email: Type.Optional(EMAIL_SCHEMA),
  phone: Type.Optional(PHONE_SCHEMA),
  address: Type.Optional(ADDRESS_SCHEMA),
  manufacturerSlugs: Type.Optional(Type.Array(SLUG_SCHEMA, { maxItems: 20, uniqueItems: true })),
  metadata: Type.Optional(METADATA_SCHEMA),
  serialNumber: Type.Optional(Text(100)),
  referenceId: Type.Optional(Text(100)),
  referenceDescription: Type.Optional(Text(500)),
  tags: Type.Optional(Type.Array(TAG_SCHEMA, { maxItems: 50, uniqueItems: true })),
};

const Cuid = Type.String({ pattern: CUID_PATTERN, description: 'A CUID, e.g. cllgn0u4r000008l7eazybfbo' });

/** Seed 004's POST body; each identification type requires its own fields (an `if`/`then` per type). */
export const ENROLLMENT_INPUT_SCHEMA = Type.Object(
  {
    identificationType: StringEnum(IDENTIFICATION_TYPES),
    leadId: Type.Optional(Cuid),
    customerId: Type.Optional(Cuid),
    enrollmentId: Type.Optional(Cuid),
    ...ENROLLMENT_DATA_FIELDS,
  },
  {
    ...closed,
    allOf: IDENTIFICATION_TYPES.map((type) => ({
      if: { properties: { identificationType: { const: type } }, required: ['identificationType'] },
      then: { required: [...REQUIRED_FIELDS_BY_IDENTIFICATION[type]] },
    })),
  },
) satisfies TSchema;
