import { inject, injectable } from 'inversify';
import { type Clock, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { Actor } from '../enrollments/index.js';
import type { ProgramInstance } from '../programs/index.js';
import type { EligibilityRuleRepository } from './ports/EligibilityRuleRepository.js';
import { checkEligibilityRules } from './checkEligibilityRules.js';
import type { VersionedEligibilityRules } from './EligibilityRules.js';

/**
 * The versions of each program instance's eligibility rules. Saving inserts the next version into the unique
 * `(programInstanceId, version)` index, so two concurrent saves get two versions, never one overwriting the other.
 * The instance keeps a copy of the version in force for reading; since the instance document is written after the
 * version (and is not itself a guard), that copy is trusted only once the next version is confirmed absent — one
 * indexed lookup, the event log's own trick (ADR 0006).
 */
@injectable()
export class RuleBook {
  constructor(
    @inject(STORE_TOKENS.eligibilityRules) private readonly versions: EligibilityRuleRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** Checks the rules, saves them as the instance's next version, and returns the instance carrying them (not yet stored). */
  async save(instance: ProgramInstance, rules: unknown, savedBy: Actor): Promise<ProgramInstance> {
    const checked = checkEligibilityRules(rules, '/eligibilityRules');
    const savedAt = this.clock.now().toISOString();
    let version = ((await this.current(instance))?.version ?? 0) + 1;
    const record = { workspaceId: instance.workspaceId, programInstanceId: instance.id, rules: checked, savedAt, savedBy };
    while ((await this.versions.insert({ ...record, version })) === 'duplicate') version++;
    return { ...instance, eligibilityRules: { version, rules: checked, savedAt } };
  }

  /**
   * The rules in force: the instance's copy, or a newer version saved since (a concurrent save, or a crash between
   * the two writes). An instance with no copy has no rules, and is not asked about (every enrollment created on it
   * would otherwise pay a lookup): its first save writes the copy, and a crash before that leaves the caller
   * without an answer, to retry.
   */
  async current(instance: ProgramInstance): Promise<VersionedEligibilityRules | undefined> {
    let current = instance.eligibilityRules;
    if (current === undefined) return undefined;
    for (;;) {
      const newer = await this.versions.get(instance.workspaceId, instance.id, (current?.version ?? 0) + 1);
      if (newer === undefined) return current;
      current = { version: newer.version, rules: newer.rules, savedAt: newer.savedAt };
    }
  }

  /** One saved version, for reading old evaluations against the rules they used. */
  async version(instance: ProgramInstance, version: number): Promise<VersionedEligibilityRules | undefined> {
    const found = await this.versions.get(instance.workspaceId, instance.id, version);
    return found === undefined ? undefined : { version: found.version, rules: found.rules, savedAt: found.savedAt };
  }
}
