/** The screening capability's façade: what other capabilities, and other packages through @flexroll/core, may use. */

export type { EligibilityRuleRepository, EligibilityRuleVersion } from './ports/EligibilityRuleRepository.js';
export { ELIGIBLE_REASON, type Verdict } from './Verdict.js';
export { ELIGIBILITY_RULES_SCHEMA, type EligibilityRules, REQUIRABLE_FIELDS, type VersionedEligibilityRules } from './EligibilityRules.js';
export { checkEligibilityRules } from './checkEligibilityRules.js';
export { ENROLLED_ELSEWHERE_REASON, evaluateRules, type RuleFailure } from './evaluateRules.js';
export { RuleBook } from './RuleBook.js';
export { EligibilityScreening } from './EligibilityScreening.js';
export { DRY_RUN_SIZE, type DryRunOutcome, type DryRunResult, RulesDryRun } from './RulesDryRun.js';
export { screeningModule } from './screeningModule.js';
