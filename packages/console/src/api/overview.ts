import { api } from './client';
import { unwrap } from './ApiProblem';
import type { operations } from './schema';

export type EnrollmentStatus = operations['listEnrollments']['responses'][200]['content']['application/json']['data'][number]['eligibilityStatus'];
export type WaitingOn = 'customer' | 'operator' | 'workspace' | 'platform';
export type InstanceSummary = operations['getProgramInstanceSummary']['responses'][200]['content']['application/json'];

/** Every enrollment status, in the order of seed 004's flow. */
export const STATUSES: readonly EnrollmentStatus[] = ['candidate', 'eligible', 'ineligible', 'submitted', 'approved', 'rejected', 'unenrolled'];
export const WAITING_ON: readonly WaitingOn[] = ['customer', 'operator', 'workspace', 'platform'];

/**
 * One instance's home counts in one call (`GET /programInstances/{id}/summary`): kept counts, so Home costs the
 * same at 100 enrollments as at 100,000.
 */
export async function instanceSummary(instanceId: string): Promise<InstanceSummary> {
  return unwrap(await api.GET('/programInstances/{instanceId}/summary', { params: { path: { instanceId } } }));
}

/** The steps of seed 004's flow, and the statuses that have reached each (a rejected one had been submitted). */
const STEPS: readonly { readonly step: EnrollmentStatus; readonly reached: readonly EnrollmentStatus[] }[] = [
  { step: 'candidate', reached: STATUSES },
  { step: 'eligible', reached: ['eligible', 'submitted', 'approved', 'rejected', 'unenrolled'] },
  { step: 'submitted', reached: ['submitted', 'approved', 'rejected', 'unenrolled'] },
  { step: 'approved', reached: ['approved', 'unenrolled'] },
];

/** The drop-off between consecutive review steps: the share of those who reached one that did not reach the next. */
export function dropOff(counts: Readonly<Record<EnrollmentStatus, number>>): { from: EnrollmentStatus; to: EnrollmentStatus; reachedFrom: number; reachedTo: number; percent: number }[] {
  const reached = STEPS.map(({ step, reached: statuses }) => ({ step, count: statuses.reduce((sum, status) => sum + counts[status], 0) }));
  return reached.slice(1).map((to, index) => {
    const from = reached[index]!;
    return { from: from.step, to: to.step, reachedFrom: from.count, reachedTo: to.count, percent: percentLost(from.count, to.count) };
  });
}

/** The share (whole percent) of `from` that did not reach `to`. */
export function percentLost(from: number, to: number): number {
  return from === 0 ? 0 : Math.round((1 - to / from) * 100);
}
