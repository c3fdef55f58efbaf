import { InputError, type FieldIssue } from '@flexroll/sdk';
import { compileSchema } from '../platform/index.js';
import { ELIGIBILITY_RULES_SCHEMA, normalisePostalCode, type EligibilityRules } from './EligibilityRules.js';

const checkSchema = compileSchema(ELIGIBILITY_RULES_SCHEMA);

/**
 * Validates rules before they are saved: the schema, then what a schema cannot say — two entries that are the same
 * once normalised, and a postal code that one of the prefixes already covers (a sign the list is not what was
 * meant). Every problem is named by its field under `prefix` (the client's own path, e.g. `/eligibilityRules`).
 * @example checkEligibilityRules({ serviceTerritory: { postalCodes: ['10001'], postalCodePrefixes: ['100'] } }, '/eligibilityRules')
 * // throws InputError: /eligibilityRules/serviceTerritory/postalCodes/0 is already covered by prefix '100'
 */
export function checkEligibilityRules(rules: unknown, prefix = ''): EligibilityRules {
  const issues = checkSchema(rules, prefix);
  if (issues.length === 0) issues.push(...crossFieldIssues(rules as EligibilityRules, prefix));
  if (issues.length > 0) throw new InputError(`The eligibility rules are invalid: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`, issues);
  return rules as EligibilityRules;
}

function crossFieldIssues(rules: EligibilityRules, prefix: string): FieldIssue[] {
  const territory = rules.serviceTerritory;
  const at = `${prefix}/serviceTerritory`;
  const issues = [
    ...duplicates(territory?.countries, (country) => country.trim().toUpperCase(), `${at}/countries`),
    ...duplicates(territory?.postalCodes, normalisePostalCode, `${at}/postalCodes`),
    ...duplicates(territory?.postalCodePrefixes, normalisePostalCode, `${at}/postalCodePrefixes`),
    ...duplicates(rules.deviceTypes, (type) => type.toUpperCase(), `${prefix}/deviceTypes`),
  ];
  const prefixes = (territory?.postalCodePrefixes ?? []).map(normalisePostalCode);
  (territory?.postalCodes ?? []).forEach((code, index) => {
    const covering = prefixes.find((start) => normalisePostalCode(code).startsWith(start));
    if (covering !== undefined) issues.push({ field: `${at}/postalCodes/${index}`, rule: 'covered', message: `is already covered by prefix '${covering}'` });
  });
  return issues;
}

function duplicates(values: readonly string[] | undefined, normalise: (value: string) => string, field: string): FieldIssue[] {
  const seen = new Map<string, number>();
  const issues: FieldIssue[] = [];
  (values ?? []).forEach((value, index) => {
    const first = seen.get(normalise(value));
    if (first === undefined) seen.set(normalise(value), index);
    else issues.push({ field: `${field}/${index}`, rule: 'duplicate', message: `is the same as entry ${first} once spaces and case are ignored` });
  });
  return issues;
}
