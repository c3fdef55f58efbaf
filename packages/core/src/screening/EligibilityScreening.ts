import { inject, injectable } from 'inversify';
import type { BoundAdapter } from '../operators/index.js';
import { customerDataShared, toEnrollmentView, type InstanceRules, type EnrollmentChange, type Enrollment, type EnrollmentProjectionRepository } from '../enrollments/index.js';
import { STORE_TOKENS } from '../platform/index.js';
import { decideEvaluation, type EvaluationOutcome } from './decideEvaluation.js';
import type { VersionedEligibilityRules } from './EligibilityRules.js';
import { ENROLLED_ELSEWHERE_REASON, evaluateRules, type RuleFailure } from './evaluateRules.js';
import { RuleBook } from './RuleBook.js';
import { verdictOf, type Verdict } from './Verdict.js';

/** Statuses that count as "enrolled" for `notEnrolledElsewhere`: the application is in, or accepted. */
const ENROLLED = new Set(['submitted', 'approved']);

/**
 * Screens enrollments against their program instance's eligibility rules: the rules' own checks, the device's
 * enrollments elsewhere (one indexed lookup by serial number), and the operator adapter's `checkEligibility`.
 * Instances without rules are not screened at all, so they behave exactly as before rules existed.
 */
@injectable()
export class EligibilityScreening {
  constructor(
    @inject(RuleBook) private readonly rules: RuleBook,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
  ) {}

  /** The rules in force on the instance, or undefined when it has none. */
  rulesInForce(rules: InstanceRules): Promise<VersionedEligibilityRules | undefined> {
    return this.rules.current(rules.instance);
  }

  /** Whether screening has anything to say about an enrollment in this state. */
  static isScreenable(enrollment: Enrollment): boolean {
    const { status } = enrollment.eligibility;
    return enrollment.deletedAt === undefined && (status === 'candidate' || (status === 'ineligible' && enrollment.participation === undefined));
  }

  /** One enrollment's verdict under one version of the rules. */
  async verdict(enrollment: Enrollment, ruleSet: VersionedEligibilityRules, adapter: BoundAdapter): Promise<Verdict> {
    const failures: RuleFailure[] = evaluateRules(ruleSet.rules, enrollment);
    if (ruleSet.rules.notEnrolledElsewhere === true && (await this.enrolledElsewhere(enrollment))) {
      failures.push({ rule: 'notEnrolledElsewhere', reason: ENROLLED_ELSEWHERE_REASON });
    }
    if (adapter.checksEligibility) {
      const answer = await adapter.checkEligibility(toEnrollmentView(enrollment));
      if (answer?.eligible === false) failures.push({ rule: 'operator', reason: answer.reason ?? 'The programme operator found the customer ineligible.' });
    }
    return verdictOf(ruleSet.version, failures);
  }

  /** A decision for the change runner: screens the enrollment as it stands under the rules in force, if it has any. */
  async screen(change: EnrollmentChange, rules: InstanceRules, ruleSet?: VersionedEligibilityRules): Promise<EvaluationOutcome> {
    if (!EligibilityScreening.isScreenable(change.current)) return 'none';
    const inForce = ruleSet ?? (await this.rulesInForce(rules));
    if (inForce === undefined) return 'none';
    return decideEvaluation(change, rules, await this.verdict(change.current, inForce, rules.adapter));
  }

  /**
   * The operator's eligibility check for a participation at AWAITING_ELIGIBILITY on an instance with rules: the
   * rules first; if they admit the customer, the adapter's `evaluateEligibility` (its meaning unchanged) has the last
   * word, and without an answer from it the rules' verdict stands.
   */
  async atEligibilityCheck(change: EnrollmentChange, rules: InstanceRules, ruleSet: VersionedEligibilityRules): Promise<EvaluationOutcome> {
    let verdict = await this.verdict(change.current, ruleSet, rules.adapter);
    if (verdict.eligible) {
      const view = toEnrollmentView(change.current, rules.adapter.grantedFields);
      // The hand-over is recorded in the same change: a change decided again records its own.
      if (view.customer !== undefined) change.add(customerDataShared(rules.adapter.id, 'evaluateEligibility', view.customer));
      const operator = await rules.adapter.evaluateEligibility(view);
      if (operator?.eligible === false) verdict = verdictOf(ruleSet.version, [{ rule: 'operator', reason: operator.reason ?? 'The programme operator found the customer ineligible.' }]);
      else if (operator?.reason !== undefined) verdict = { ...verdict, reason: operator.reason };
    }
    return decideEvaluation(change, rules, verdict);
  }

  /** Whether the enrollment's device is enrolled in another instance (`notEnrolledElsewhere`): one lookup by serial number. */
  async enrolledElsewhere(enrollment: Enrollment): Promise<boolean> {
    if (enrollment.serialNumber === undefined) return false;
    const holders = await this.projections.findBySerialNumber(enrollment.workspaceId, enrollment.serialNumber);
    return holders.some(
      (other) => other.id !== enrollment.id && other.programInstanceId !== enrollment.programInstanceId && other.deletedAt === undefined && ENROLLED.has(other.eligibility.status),
    );
  }
}
