import { Type, type TSchema } from '@sinclair/typebox';
import { CUID_PATTERN } from '../platform/index.js';
import type { EnrollmentData } from './Enrollment.js';

/**
 * The enrollment catalogue: seed 004's enrollment fields, each declared once with everything the platform needs to
 * know about it. The POST and PATCH schemas, the response schema and rendering, the import's columns, re-enrollment
 * carry-over, the eligibility criteria and requirable fields, and the MongoDB projection schema are all derived from
 * it (see `enrollmentCatalogue.ts`). The entries are in the order the API lists them (its schemas, its responses,
 * the import's column list), so adding a field here adds it everywhere, in one place.
 */
export interface EnrollmentFieldSpec {
  /** The value's JSON Schema as a client sends it (TypeBox). */
  readonly schema: TSchema;
  /** The value's schema in a response, when it is not `schema` (references are answered as given, unchecked). */
  readonly response?: TSchema;
  /** Who sets it: a client's `data`, an identification `reference` (POST only), or the `platform` (never a client). */
  readonly source: 'data' | 'reference' | 'platform';
  /** PATCH may set it (`set`), or set it and remove it with `null` (`setOrRemove`); absent: fixed after creation. */
  readonly patch?: 'set' | 'setOrRemove';
  /** Copied from the earlier enrollment when a client re-enrolls (`identificationType: enrollmentId`). */
  readonly carriedOver?: boolean;
  /** Filled from the customer's or lead's record when a client enrolls by `customerId` or `leadId`. */
  readonly fromPerson?: boolean;
  /** How an import's CSV cell becomes the value: as `text`, a `list` split on `;` or `,`, or `json` (an object). */
  readonly csv?: 'text' | 'list' | 'json' | 'address';
  /** Eligibility depends on it: a change re-evaluates an `ineligible` or `rejected` enrollment (seed 004). */
  readonly criterion?: boolean;
  /** An instance's eligibility rules may require it (`requiredFields`). */
  readonly requirable?: boolean;
  /** How the MongoDB projection types it, for the lists and lookups that filter on it; absent: stored as given. */
  readonly stored?: 'string' | 'strings' | 'object';
}

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Cuid = Type.String({ pattern: CUID_PATTERN, description: 'A CUID, e.g. cllgn0u4r000008l7eazybfbo' });
const Reference = Type.String();

export const ADDRESS_SCHEMA = Type.Object(
  { streetOne: Text(200), streetTwo: Type.Optional(Text(200)), city: Text(200), state: Text(100), postalCode: Text(20), country: Text(100) },
  { additionalProperties: false },
);
export const EMAIL_SCHEMA = Type.String({ format: 'email', maxLength: 254 });
export const PHONE_SCHEMA = Type.String({ pattern: '^\\+?[0-9 ()-]{4,20}$' });
/** A manufacturer slug, e.g. `tesla`. */
export const SLUG_SCHEMA = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });
export const TAG_SCHEMA = Text(64);
export const METADATA_SCHEMA = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 });

/** The catalogue. `satisfies` keeps it and the {@link EnrollmentData} type field for field. */
export const ENROLLMENT_FIELDS = {
  leadId: { schema: Cuid, response: Reference, source: 'reference', carriedOver: true, csv: 'text' },
  customerId: { schema: Cuid, response: Reference, source: 'reference', carriedOver: true, csv: 'text' },
  enrollmentId: { schema: Cuid, response: Reference, source: 'reference', csv: 'text' },
  firstName: { fromPerson: true, schema: Text(100), source: 'data', patch: 'set', carriedOver: true, csv: 'text', requirable: true },
  lastName: { fromPerson: true, schema: Text(100), source: 'data', patch: 'set', carriedOver: true, csv: 'text', requirable: true },
  email: { fromPerson: true, schema: EMAIL_SCHEMA, source: 'data', patch: 'set', carriedOver: true, csv: 'text', requirable: true },
  phone: { fromPerson: true, schema: PHONE_SCHEMA, source: 'data', patch: 'setOrRemove', carriedOver: true, csv: 'text', requirable: true },
  address: { fromPerson: true, schema: ADDRESS_SCHEMA, source: 'data', patch: 'setOrRemove', carriedOver: true, csv: 'address', criterion: true, requirable: true, stored: 'object' },
  manufacturerSlugs: {
    schema: Type.Array(SLUG_SCHEMA, { maxItems: 20, uniqueItems: true }),
    source: 'data', patch: 'setOrRemove', carriedOver: true, csv: 'list', criterion: true, requirable: true, stored: 'strings',
  },
  metadata: { schema: METADATA_SCHEMA, source: 'data', patch: 'setOrRemove', carriedOver: true, csv: 'json', stored: 'object' },
  // Fixed once set: a new device is a new enrollment (PATCH refuses another value).
  serialNumber: { schema: Text(100), source: 'data', patch: 'set', carriedOver: true, csv: 'text', criterion: true, requirable: true, stored: 'string' },
  referenceId: { schema: Text(100), source: 'data', patch: 'setOrRemove', carriedOver: true, csv: 'text', requirable: true, stored: 'string' },
  referenceDescription: { schema: Text(500), source: 'data', patch: 'setOrRemove', carriedOver: true, csv: 'text' },
  tags: { schema: Type.Array(TAG_SCHEMA, { maxItems: 50, uniqueItems: true }), source: 'data', patch: 'setOrRemove', carriedOver: true, csv: 'list', stored: 'strings' },
  enrollmentStartDate: { schema: Type.String({ format: 'date-time' }), source: 'platform' },
} as const satisfies { readonly [K in Exclude<keyof EnrollmentData, 'identificationType' | 'programInstanceId'>]-?: EnrollmentFieldSpec };

export type EnrollmentFieldName = keyof typeof ENROLLMENT_FIELDS;
