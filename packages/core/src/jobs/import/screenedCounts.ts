import type { Enrollment } from '../../enrollments/index.js';
import type { JobCounts } from '../Job.js';

/** An imported enrollment's screening, as counts: eligible or ineligible when the rules decided its status. */
export function screened(enrollment: Enrollment): Partial<JobCounts> {
  if (enrollment.eligibility.ruleVersion === undefined) return {};
  if (enrollment.eligibility.status === 'ineligible') return { ineligible: 1 };
  if (enrollment.eligibility.status === 'eligible') return { eligible: 1 };
  return {};
}
