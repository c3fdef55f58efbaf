import type { EligibilityRuleRepository, EligibilityRuleVersion, InsertResult } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';

/** Versions of eligibility rules in memory, unique per instance and version. */
export class MemoryEligibilityRuleRepository implements EligibilityRuleRepository {
  readonly #table = new MemoryTable<EligibilityRuleVersion>((row) => scoped(row.workspaceId, `${row.programInstanceId}/${row.version}`));

  insert(version: EligibilityRuleVersion): Promise<InsertResult> {
    return this.#table.insert(version);
  }

  get(workspaceId: string, programInstanceId: string, version: number): Promise<EligibilityRuleVersion | undefined> {
    return this.#table.get(scoped(workspaceId, `${programInstanceId}/${version}`));
  }
}
