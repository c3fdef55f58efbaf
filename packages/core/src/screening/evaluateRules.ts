import type { EnrollmentData } from '../enrollments/index.js';
import { normalisePostalCode, type EligibilityRules } from './EligibilityRules.js';

/** Which rule an enrollment failed, and why, in words a person can read (seed 004's style). */
export interface RuleFailure {
  readonly rule: 'allowedManufacturers' | 'serviceTerritory' | 'requiredFields' | 'requiredTags' | 'deviceTypes' | 'notEnrolledElsewhere' | 'operator';
  readonly reason: string;
}

/** Seed 004's own example of an ineligibility reason, used word for word. */
export const ENROLLED_ELSEWHERE_REASON = 'The customer is already enrolled in another program.';

/**
 * The rules an enrollment's own data fails, in the rules' order: pure, no lookups (the `notEnrolledElsewhere` rule
 * needs the store and is checked by the {@link EligibilityEvaluator}).
 * @example evaluateRules({ serviceTerritory: { countries: ['USA'] } }, { address: { …, country: 'FRA' } })
 * // [{ rule: 'serviceTerritory', reason: 'The customer’s address (country FRA) is outside the program’s service territory.' }]
 */
export function evaluateRules(rules: EligibilityRules, enrollment: Partial<EnrollmentData>): RuleFailure[] {
  return [manufacturers, territory, requiredFields, requiredTags, deviceTypes].flatMap((check) => check(rules, enrollment));
}

type Check = (rules: EligibilityRules, enrollment: Partial<EnrollmentData>) => RuleFailure[];

const manufacturers: Check = ({ allowedManufacturers: allowed }, { manufacturerSlugs: slugs }) => {
  if (allowed === undefined || (slugs ?? []).some((slug) => allowed.includes(slug))) return [];
  const reason =
    slugs === undefined || slugs.length === 0
      ? `The customer has no device manufacturer on record; the program supports ${list(allowed)}.`
      : `The customer’s device manufacturer (${slugs.join(', ')}) is not one the program supports (${list(allowed)}).`;
  return [{ rule: 'allowedManufacturers', reason }];
};

const territory: Check = ({ serviceTerritory: area }, { address }) => {
  if (area === undefined) return [];
  if (address === undefined) return [{ rule: 'serviceTerritory', reason: 'The customer has no address on record, so the service territory cannot be checked.' }];
  const countries = area.countries?.map((country) => country.trim().toUpperCase());
  if (countries !== undefined && !countries.includes(address.country.trim().toUpperCase())) {
    return [{ rule: 'serviceTerritory', reason: `The customer’s address (country ${address.country}) is outside the program’s service territory.` }];
  }
  if (area.postalCodes === undefined && area.postalCodePrefixes === undefined) return [];
  const code = normalisePostalCode(address.postalCode);
  const listed = area.postalCodes?.some((served) => normalisePostalCode(served) === code) ?? false;
  const prefixed = area.postalCodePrefixes?.some((start) => code.startsWith(normalisePostalCode(start))) ?? false;
  if (listed || prefixed) return [];
  return [{ rule: 'serviceTerritory', reason: `The customer’s address (postal code ${address.postalCode}) is outside the program’s service territory.` }];
};

const requiredFields: Check = ({ requiredFields: fields }, enrollment) =>
  (fields ?? [])
    .filter((field) => isMissing(valueAt(enrollment, field)))
    .map((field) => ({ rule: 'requiredFields' as const, reason: `The enrollment has no ${field}, which the program requires.` }));

const requiredTags: Check = ({ requiredTags: tags }, enrollment) => {
  const missing = (tags ?? []).filter((tag) => !(enrollment.tags ?? []).includes(tag));
  if (missing.length === 0) return [];
  return [{ rule: 'requiredTags', reason: `The enrollment is not tagged ${missing.map((tag) => `'${tag}'`).join(', ')}, which the program requires.` }];
};

const deviceTypes: Check = ({ deviceTypes: accepted }, enrollment) => {
  if (accepted === undefined) return [];
  const type = enrollment.metadata?.deviceType;
  if (typeof type === 'string' && accepted.some((allowed) => allowed.toUpperCase() === type.toUpperCase())) return [];
  const reason =
    typeof type === 'string'
      ? `The customer’s device type (${type}) is not one the program accepts (${list(accepted)}).`
      : `The customer’s device type is not on record (metadata.deviceType); the program accepts ${list(accepted)}.`;
  return [{ rule: 'deviceTypes', reason }];
};

function valueAt(enrollment: Partial<EnrollmentData>, field: string): unknown {
  if (field.startsWith('metadata.')) return enrollment.metadata?.[field.slice('metadata.'.length)];
  return (enrollment as Readonly<Record<string, unknown>>)[field];
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function list(values: readonly string[]): string {
  return values.length <= 5 ? values.join(', ') : `${values.slice(0, 5).join(', ')} and ${values.length - 5} more`;
}
