import { ENROLLMENT_FIELDS, type EnrollmentFieldName, type EnrollmentFieldSpec } from './enrollmentFields.js';

/** The catalogue's field names whose declaration has `flag`, in the catalogue's order. */
type NamesWith<Flag extends keyof EnrollmentFieldSpec> = {
  [K in EnrollmentFieldName]: (typeof ENROLLMENT_FIELDS)[K] extends { readonly [P in Flag]: unknown } ? K : never;
}[EnrollmentFieldName];

/** The catalogue's entries, in order (the API's order). */
export const ENROLLMENT_FIELD_ENTRIES = Object.entries(ENROLLMENT_FIELDS) as ReadonlyArray<[EnrollmentFieldName, EnrollmentFieldSpec]>;

function namesWhere<N extends EnrollmentFieldName>(keep: (spec: EnrollmentFieldSpec) => boolean): readonly N[] {
  return ENROLLMENT_FIELD_ENTRIES.filter(([, spec]) => keep(spec)).map(([name]) => name as N);
}

/** The fields PATCH may change after creation. */
export const MUTABLE_ENROLLMENT_FIELDS = namesWhere<NamesWith<'patch'>>((spec) => spec.patch !== undefined);
export type MutableEnrollmentField = NamesWith<'patch'>;

/** Changing any of these re-evaluates an `ineligible` or `rejected` enrollment (seed 004: "unless enrollment criteria change"). */
export const ELIGIBILITY_CRITERIA_FIELDS = namesWhere<NamesWith<'criterion'>>((spec) => spec.criterion === true);

/** Fields carried over from an earlier enrollment on re-enrollment (`identificationType: enrollmentId`). */
export const CARRIED_OVER_FIELDS = namesWhere<NamesWith<'carriedOver'>>((spec) => spec.carriedOver === true);

/** The fields a `customerId` or `leadId` enrollment takes from the customer's or lead's record. */
export const PERSON_FIELDS = namesWhere<NamesWith<'fromPerson'>>((spec) => spec.fromPerson === true);

/** The fields an instance's eligibility rules may require. */
export const REQUIRABLE_FIELDS = namesWhere<NamesWith<'requirable'>>((spec) => spec.requirable === true);

/** The fields a client sends (POST): identification references and data, not what the platform sets. */
export const CLIENT_ENROLLMENT_FIELDS = namesWhere((spec) => spec.source !== 'platform');

/** The fields an import row fills from a column of the same name. */
export const IMPORT_COLUMN_FIELDS = namesWhere<NamesWith<'csv'>>((spec) => spec.csv !== undefined);

const CSV_KINDS = new Map(ENROLLMENT_FIELD_ENTRIES.map(([name, spec]) => [name as string, spec.csv]));

/** How a field's CSV cell becomes its value (`list`, `json`, …); undefined for a field no column fills. */
export function csvKindOf(field: string): EnrollmentFieldSpec['csv'] {
  return CSV_KINDS.get(field);
}
