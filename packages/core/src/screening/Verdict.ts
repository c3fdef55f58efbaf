import type { RuleFailure } from './evaluateRules.js';

/** The outcome of screening one enrollment against one version of its instance's rules. */
export interface Verdict {
  readonly ruleVersion: number;
  readonly eligible: boolean;
  /** What a person reads: why the customer is ineligible, every failed rule in turn, or that they meet the rules. */
  readonly reason: string;
  readonly failedRules: readonly RuleFailure['rule'][];
}

/** The reason an eligible verdict gives (seed 004: "May include qualifying factors"). */
export const ELIGIBLE_REASON = 'Meets the program’s eligibility rules.';

export function verdictOf(ruleVersion: number, failures: readonly RuleFailure[]): Verdict {
  if (failures.length === 0) return { ruleVersion, eligible: true, reason: ELIGIBLE_REASON, failedRules: [] };
  return { ruleVersion, eligible: false, reason: failures.map((failure) => failure.reason).join(' '), failedRules: [...new Set(failures.map((failure) => failure.rule))] };
}
