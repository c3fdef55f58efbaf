import type { operations } from './schema';

export type ProgramInstanceView = operations['getProgramInstance']['responses'][200]['content']['application/json'];
export type EligibilityRules = NonNullable<operations['dryRunEligibilityRules']['requestBody']>['content']['application/json']['eligibilityRules'];
export type InstanceChanges = NonNullable<operations['updateProgramInstance']['requestBody']>['content']['application/json'];
export type DryRunView = operations['dryRunEligibilityRules']['responses'][200]['content']['application/json'];

/** How the API shows a stored adapter secret (core's SECRET_MASK); sent back, it keeps the stored value. */
export const SECRET_MASK = '********';

/** An adapter config split into the fields shown as JSON and the names of its secrets (masked, never shown). */
export function splitConfig(config: Record<string, unknown>): { plain: Record<string, unknown>; secrets: string[] } {
  const plain: Record<string, unknown> = {};
  const secrets: string[] = [];
  for (const [field, value] of Object.entries(config)) {
    if (value === SECRET_MASK) secrets.push(field);
    else plain[field] = value;
  }
  return { plain, secrets };
}
