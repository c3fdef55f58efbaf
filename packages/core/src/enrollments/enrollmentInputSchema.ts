import { Type, type TNull, type TOptional, type TSchema, type TUnion } from '@sinclair/typebox';
import { IDENTIFICATION_TYPES } from './Enrollment.js';
import { ENROLLMENT_FIELD_ENTRIES } from './enrollmentFieldLists.js';
import type { ENROLLMENT_FIELDS, EnrollmentFieldSpec } from './enrollmentFields.js';
import { REQUIRED_FIELDS_BY_IDENTIFICATION } from './identification.js';

export { ADDRESS_SCHEMA, EMAIL_SCHEMA, METADATA_SCHEMA, PHONE_SCHEMA, SLUG_SCHEMA, TAG_SCHEMA } from './enrollmentFields.js';

/**
 * The enrollment's JSON Schemas (TypeBox), all derived from the catalogue (`enrollmentFields.ts`): the API's POST
 * body and every row of a bulk import are checked against the same schema, so a row is accepted exactly when the
 * same POST would be; PATCH takes the fields the catalogue lets it change; a response lists every field.
 */
const closed = { additionalProperties: false } as const;
const StringEnum = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

type Fields = typeof ENROLLMENT_FIELDS;
type Schema<K extends keyof Fields> = Fields[K]['schema'];
type ClientSchemas<Sources> = { [K in keyof Fields as Fields[K]['source'] extends Sources ? K : never]: TOptional<Schema<K>> };
type PatchSchemas = {
  [K in keyof Fields as Fields[K] extends { readonly patch: string } ? K : never]: TOptional<Fields[K] extends { readonly patch: 'setOrRemove' } ? TUnion<[Schema<K>, TNull]> : Schema<K>>;
};
type ResponseSchemas = { [K in keyof Fields]: TOptional<Fields[K] extends { readonly response: infer R extends TSchema } ? R : Schema<K>> };

/** The catalogue's fields that `keep` takes, each optional, as `schemaOf` gives its schema; in the catalogue's order. */
function optionalFields<T>(keep: (spec: EnrollmentFieldSpec) => boolean, schemaOf: (spec: EnrollmentFieldSpec) => TSchema): T {
  const fields: Record<string, TSchema> = {};
  for (const [name, spec] of ENROLLMENT_FIELD_ENTRIES) if (keep(spec)) fields[name] = Type.Optional(schemaOf(spec));
  return fields as T;
}

/** The data fields of an enrollment a client may send (every one optional here). */
export const ENROLLMENT_DATA_FIELDS = optionalFields<ClientSchemas<'data'>>((spec) => spec.source === 'data', (spec) => spec.schema);

/** What PATCH may change, each optional; `null` removes a field the catalogue lets PATCH remove. */
export const ENROLLMENT_PATCH_FIELDS = optionalFields<PatchSchemas>(
  (spec) => spec.patch !== undefined,
  (spec) => (spec.patch === 'setOrRemove' ? Type.Union([spec.schema, Type.Null()]) : spec.schema),
);

/** Every field as a response shows it (when the enrollment has it). */
export const ENROLLMENT_RESPONSE_FIELDS = optionalFields<ResponseSchemas>(() => true, (spec) => spec.response ?? spec.schema);

/** Seed 004's POST body; each identification type requires its own fields (an `if`/`then` per type). */
export const ENROLLMENT_INPUT_SCHEMA = Type.Object(
  {
    identificationType: StringEnum(IDENTIFICATION_TYPES),
    ...optionalFields<ClientSchemas<'data' | 'reference'>>((spec) => spec.source !== 'platform', (spec) => spec.schema),
  },
  {
    ...closed,
    allOf: IDENTIFICATION_TYPES.map((type) => ({
      if: { properties: { identificationType: { const: type } }, required: ['identificationType'] },
      then: { required: [...REQUIRED_FIELDS_BY_IDENTIFICATION[type]] },
    })),
  },
) satisfies TSchema;
