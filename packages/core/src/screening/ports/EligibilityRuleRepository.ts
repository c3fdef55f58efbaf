import type { EligibilityRules } from '../EligibilityRules.js';
import type { Actor } from '../../enrollments/index.js';
import type { InsertResult } from '../../platform/index.js';

/** One saved version of a program instance's eligibility rules; never changed once written. */
export interface EligibilityRuleVersion {
  readonly workspaceId: string;
  readonly programInstanceId: string;
  /** 1, 2, 3 … per instance; `(programInstanceId, version)` is unique, which is what orders concurrent saves. */
  readonly version: number;
  readonly rules: EligibilityRules;
  readonly savedAt: string;
  readonly savedBy: Actor;
}

/** The history of every instance's eligibility rules. Inserting a version is the guard: a duplicate is reported. */
export interface EligibilityRuleRepository {
  insert(version: EligibilityRuleVersion): Promise<InsertResult>;
  get(workspaceId: string, programInstanceId: string, version: number): Promise<EligibilityRuleVersion | undefined>;
}
