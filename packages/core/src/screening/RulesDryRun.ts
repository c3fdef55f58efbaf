import { inject, injectable } from 'inversify';
import { NotFoundError, type EnrollmentStatus } from '@flexroll/sdk';
import { type CallContext, requireInInstanceScope, STORE_TOKENS } from '../platform/index.js';
import type { Enrollment, EnrollmentProjectionRepository } from '../enrollments/index.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { checkEligibilityRules } from './checkEligibilityRules.js';
import { EligibilityScreening } from './EligibilityScreening.js';
import { verdictOf, type Verdict } from './Verdict.js';
import { evaluateRules, ENROLLED_ELSEWHERE_REASON, type RuleFailure } from './evaluateRules.js';

/** How many of the instance's newest screenable enrollments a dry run screens. */
export const DRY_RUN_SIZE = 100;

/** The statuses a dry run screens: those screening acts on (a candidate, or an ineligible enrollment it may re-open). */
const SCREENABLE: readonly EnrollmentStatus[] = ['candidate', 'ineligible'];

/** One enrollment's verdict under the rules tried, beside where it stands now. */
export interface DryRunResult {
  readonly enrollment: Enrollment;
  readonly verdict: Verdict;
}

export interface DryRunOutcome {
  readonly evaluated: number;
  readonly eligible: number;
  readonly ineligible: number;
  /** Newest first. */
  readonly results: readonly DryRunResult[];
}

/**
 * Tries eligibility rules on an instance's newest screenable enrollments without saving or changing anything: the
 * rules are checked as a save checks them (same errors, same field paths), and each enrollment gets the verdict
 * screening would give — the rules' own checks, and `notEnrolledElsewhere` (one lookup by serial number) — except the
 * operator adapter's check, which is a call to the operator and is not made for a trial.
 */
@injectable()
export class RulesDryRun {
  constructor(
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(EligibilityScreening) private readonly screening: EligibilityScreening,
  ) {}

  /** @throws InputError naming the rules' field (`/eligibilityRules/…`); NotFoundError for an instance not in the workspace. */
  async run(context: CallContext, programInstanceId: string, rules: unknown): Promise<DryRunOutcome> {
    // Another instance than a scoped caller's is, to it, an unknown one (ADR 0025).
    requireInInstanceScope(context, programInstanceId, 'program_instance', programInstanceId);
    if ((await this.instances.get(context.workspaceId, programInstanceId)) === undefined) throw new NotFoundError('program_instance', programInstanceId);
    const checked = checkEligibilityRules(rules, '/eligibilityRules');
    const enrollments = await this.newest(context.workspaceId, programInstanceId);
    const results = await Promise.all(enrollments.map(async (enrollment) => {
      const failures: RuleFailure[] = evaluateRules(checked, enrollment);
      if (checked.notEnrolledElsewhere === true && (await this.screening.enrolledElsewhere(enrollment))) failures.push({ rule: 'notEnrolledElsewhere', reason: ENROLLED_ELSEWHERE_REASON });
      // Version 0: the rules tried are no saved version.
      return { enrollment, verdict: verdictOf(0, failures) };
    }));
    const eligible = results.filter((result) => result.verdict.eligible).length;
    return { evaluated: results.length, eligible, ineligible: results.length - eligible, results };
  }

  /** The newest {@link DRY_RUN_SIZE} screenable enrollments: the list's last two pages at most, read through its counts. */
  private async newest(workspaceId: string, programInstanceId: string): Promise<Enrollment[]> {
    const filter = { programInstanceId, statuses: SCREENABLE };
    const total = (await this.projections.list(workspaceId, filter, { page: 1, perPage: 1 })).totalItems;
    if (total === 0) return [];
    const first = Math.max(0, total - DRY_RUN_SIZE);
    const pages = [...new Set([Math.floor(first / DRY_RUN_SIZE) + 1, Math.floor((total - 1) / DRY_RUN_SIZE) + 1])];
    const rows = (await Promise.all(pages.map((page) => this.projections.list(workspaceId, filter, { page, perPage: DRY_RUN_SIZE })))).flatMap((page) => page.data);
    const start = first - (pages[0]! - 1) * DRY_RUN_SIZE;
    return rows.slice(start, start + DRY_RUN_SIZE).reverse();
  }
}
