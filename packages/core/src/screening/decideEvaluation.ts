import { assertEnrollmentStatusMove } from '@flexroll/sdk';
import { moveEnrollmentStatus, type InstanceRules, type EnrollmentChange } from '../enrollments/index.js';
import type { Verdict } from './Verdict.js';

/** What an evaluation did: moved the status, only recorded its verdict, or nothing (it had nothing to say). */
export type EvaluationOutcome = 'moved' | 'recorded' | 'none';

/**
 * Applies a verdict to an enrollment within a change, through the normal event log:
 *
 * - a **candidate without a device** moves to `eligible` (with `enrollment.eligible_notified`) or `ineligible`;
 * - a **candidate with a device** follows its participation (ADR 0004): at AWAITING_ELIGIBILITY the verdict is the
 *   operator's eligibility check, so the adapter fires `eligibility_confirmed` or `eligibility_denied` (with the
 *   reference adapter, eligible continues to `submitted` at once); before that, the verdict is only recorded
 *   (`enrollment.eligibility_evaluated`, which sets the reason while the status stays `candidate`, as in seed 004's
 *   own example) and is taken again when the participation reaches the check;
 * - an **ineligible enrollment without a device** that the rules now admit goes back to `candidate` and on to
 *   `eligible` (the criteria for enrollment changed); still ineligible, its new verdict is recorded if it differs;
 * - everything else (eligible and later, a device found ineligible by the operator's check — seed 000: recoverable
 *   only if site properties change) is left alone.
 */
export async function decideEvaluation(change: EnrollmentChange, rules: InstanceRules, verdict: Verdict): Promise<EvaluationOutcome> {
  const { eligibility, participation, deletedAt } = change.current;
  if (deletedAt !== undefined) return 'none';
  if (eligibility.status === 'ineligible' && participation === undefined) return reopen(change, verdict);
  if (eligibility.status !== 'candidate') return 'none';
  if (participation === undefined) return move(change, verdict);
  if (participation.state !== 'AWAITING_ELIGIBILITY') return record(change, verdict);
  return atEligibilityCheck(change, rules, verdict);
}

function move(change: EnrollmentChange, verdict: Verdict): EvaluationOutcome {
  const from = change.current.eligibility.status;
  const to = verdict.eligible ? 'eligible' : 'ineligible';
  const failed = verdict.eligible ? {} : { failedRules: verdict.failedRules };
  change.add({ type: 'enrollment.status_changed', data: { from, to, reason: verdict.reason, ruleVersion: verdict.ruleVersion, ...failed } });
  if (verdict.eligible) notify(change, verdict);
  return 'moved';
}

function reopen(change: EnrollmentChange, verdict: Verdict): EvaluationOutcome {
  if (!verdict.eligible) return record(change, verdict);
  assertEnrollmentStatusMove('ineligible', 'candidate', { criteriaChanged: true });
  const reason = `Eligibility rules or criteria changed (rules version ${verdict.ruleVersion}); re-evaluating.`;
  change.add({ type: 'enrollment.status_changed', data: { from: 'ineligible', to: 'candidate', reason } });
  return move(change, verdict);
}

function record(change: EnrollmentChange, verdict: Verdict): EvaluationOutcome {
  const { reason, ruleVersion } = change.current.eligibility;
  if (ruleVersion === verdict.ruleVersion && reason === verdict.reason) return 'none';
  const { eligible, failedRules } = verdict;
  change.add({ type: 'enrollment.eligibility_evaluated', data: { ruleVersion: verdict.ruleVersion, eligible, reason: verdict.reason, failedRules } });
  return 'recorded';
}

async function atEligibilityCheck(change: EnrollmentChange, rules: InstanceRules, verdict: Verdict): Promise<EvaluationOutcome> {
  const { eligible, failedRules } = verdict;
  change.add({ type: 'enrollment.eligibility_evaluated', data: { ruleVersion: verdict.ruleVersion, eligible, reason: verdict.reason, failedRules } });
  await moveEnrollmentStatus(change, rules, eligible ? 'eligible' : 'ineligible', verdict.reason);
  if (eligible && change.drafts.some((draft) => draft.type === 'enrollment.status_changed' && draft.data.to === 'eligible')) notify(change, verdict);
  return 'moved';
}

function notify(change: EnrollmentChange, verdict: Verdict): void {
  change.add({ type: 'enrollment.eligible_notified', data: { ruleVersion: verdict.ruleVersion, reason: verdict.reason, programInstanceId: change.current.programInstanceId } });
}
