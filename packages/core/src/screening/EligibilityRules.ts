import { Type, type Static } from '@sinclair/typebox';
import { SLUG_SCHEMA, TAG_SCHEMA, REQUIRABLE_FIELDS } from '../enrollments/index.js';

/** The seed 004 fields a program may require an enrollment to have (the catalogue's); `metadata.<key>` may be required too. */
export { REQUIRABLE_FIELDS };

const Entry = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, ...(description === undefined ? {} : { description }) });
const List = <T extends ReturnType<typeof Entry>>(item: T, maxItems: number, description: string) =>
  Type.Array(item, { minItems: 1, maxItems, uniqueItems: true, description });

/**
 * A program instance's eligibility rules (seed 004's "Program Eligibility Screening"): declarative, checked when
 * saved (this schema, then {@link checkEligibilityRules} across fields), versioned on every change. An enrollment is
 * eligible when it passes every rule given; a rule left out does not apply, so `{}` admits everyone.
 */
export const ELIGIBILITY_RULES_SCHEMA = Type.Object(
  {
    allowedManufacturers: Type.Optional(List(SLUG_SCHEMA, 100, 'Manufacturer slugs the program supports; an enrollment needs at least one of them')),
    serviceTerritory: Type.Optional(
      Type.Object(
        {
          countries: Type.Optional(List(Entry(100), 300, 'Countries as the address writes them (e.g. USA), compared without regard to case')),
          postalCodes: Type.Optional(List(Entry(20), 20_000, 'Postal codes served, compared without spaces or case')),
          postalCodePrefixes: Type.Optional(List(Entry(20), 2_000, 'Postal code prefixes served (e.g. 100 for 10001 … 10099)')),
        },
        { additionalProperties: false, minProperties: 1, description: 'Where the customer’s address must be: in one of the countries, and, when postal codes or prefixes are given, in one of those' },
      ),
    ),
    requiredFields: Type.Optional(
      List(Type.String({ pattern: `^(${REQUIRABLE_FIELDS.join('|')}|metadata\\.[A-Za-z0-9_-]{1,64})$` }), 20, 'Fields an enrollment must have: seed 004 fields, or metadata.<key>'),
    ),
    requiredTags: Type.Optional(List(TAG_SCHEMA, 20, 'Tags an enrollment must carry, every one')),
    deviceTypes: Type.Optional(
      List(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' }), 50, 'Device types accepted (e.g. seed 003’s BATTERIES, ELECTRIC_VEHICLES), read from metadata.deviceType'),
    ),
    notEnrolledElsewhere: Type.Optional(
      Type.Boolean({ description: 'Refuse a device (serialNumber) already submitted to or approved in another program instance of the workspace' }),
    ),
  },
  { additionalProperties: false },
);

export type EligibilityRules = Static<typeof ELIGIBILITY_RULES_SCHEMA>;

/** The rules in force on a program instance: their version (1 for the first, one more on every change) and when they were saved. */
export interface VersionedEligibilityRules {
  readonly version: number;
  readonly rules: EligibilityRules;
  readonly savedAt: string;
}

/** Postal codes compare without spaces, dashes or case (`sw1a 1aa` is `SW1A1AA`). */
export function normalisePostalCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}
