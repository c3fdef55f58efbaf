import { api } from './client';
import { unwrap } from './ApiProblem';
import type { operations } from './schema';

export type EnrollmentStatus = operations['listEnrollments']['responses'][200]['content']['application/json']['data'][number]['eligibilityStatus'];
export type WaitingOn = 'customer' | 'operator' | 'workspace' | 'platform';

/** Every enrollment status, in the order of seed 004's flow. */
export const STATUSES: readonly EnrollmentStatus[] = ['candidate', 'eligible', 'ineligible', 'submitted', 'approved', 'rejected', 'unenrolled'];
export const WAITING_ON: readonly WaitingOn[] = ['customer', 'operator', 'workspace', 'platform'];

/** What Home shows for one program instance. */
export interface InstanceOverview {
  readonly statusCounts: Readonly<Record<EnrollmentStatus, number>>;
  /** Per participation state, when the API gives them (the summary route); undefined before. */
  readonly participationCounts?: Readonly<Record<string, number>>;
  readonly deadlines: { readonly open: Readonly<Record<WaitingOn, number>>; readonly missed: Readonly<Record<WaitingOn, number>>; readonly capped: boolean };
}

/** How many deadlines Home reads to count them (one page of the list). */
const DEADLINE_PAGE = 100;

/**
 * One instance's counts, from the documented list routes: a page of one enrollment per status (its totalItems), and
 * a page of the open deadlines counted by whom they wait on and whether they are missed. Costs 8 small requests.
 */
export async function instanceOverview(instanceId: string): Promise<InstanceOverview> {
  const path = { instanceId };
  const [counts, deadlinePage] = await Promise.all([
    Promise.all(STATUSES.map(async (status) => {
      const page = unwrap(await api.GET('/programInstances/{instanceId}/enrollments', { params: { path, query: { status, perPage: 1 } } }));
      return [status, page.totalItems] as const;
    })),
    api.GET('/programInstances/{instanceId}/deadlines', { params: { path, query: { status: 'pending,due_soon,missed', perPage: DEADLINE_PAGE } } }).then(unwrap),
  ]);
  const zero = () => Object.fromEntries(WAITING_ON.map((party) => [party, 0])) as Record<WaitingOn, number>;
  const open = zero();
  const missed = zero();
  for (const deadline of deadlinePage.data) {
    if (deadline.status === 'missed') missed[deadline.waitingOn] += 1;
    else open[deadline.waitingOn] += 1;
  }
  const capped = 'totalItems' in deadlinePage ? (deadlinePage.totalItems ?? 0) > DEADLINE_PAGE : deadlinePage.data.length >= DEADLINE_PAGE;
  return { statusCounts: Object.fromEntries(counts) as Record<EnrollmentStatus, number>, deadlines: { open, missed, capped } };
}

/** The steps of seed 004's flow, and the statuses that have reached each (a rejected one had been submitted). */
const STEPS: readonly { readonly step: EnrollmentStatus; readonly reached: readonly EnrollmentStatus[] }[] = [
  { step: 'candidate', reached: STATUSES },
  { step: 'eligible', reached: ['eligible', 'submitted', 'approved', 'rejected', 'unenrolled'] },
  { step: 'submitted', reached: ['submitted', 'approved', 'rejected', 'unenrolled'] },
  { step: 'approved', reached: ['approved', 'unenrolled'] },
];

/** The drop-off between consecutive steps: the share of those who reached one that did not reach the next. */
export function dropOff(counts: Readonly<Record<EnrollmentStatus, number>>): { from: EnrollmentStatus; to: EnrollmentStatus; reachedFrom: number; reachedTo: number; percent: number }[] {
  const reached = STEPS.map(({ step, reached: statuses }) => ({ step, count: statuses.reduce((sum, status) => sum + (counts[status] ?? 0), 0) }));
  return reached.slice(1).map((to, index) => {
    const from = reached[index]!;
    return { from: from.step, to: to.step, reachedFrom: from.count, reachedTo: to.count, percent: from.count === 0 ? 0 : Math.round((1 - to.count / from.count) * 100) };
  });
}

/** Webhook health of the workspace: endpoints failing or disabled for failing, and messages still pending. */
export async function webhookHealth(): Promise<{ endpoints: number; failing: number; pending: number }> {
  const endpoints = unwrap(await api.GET('/webhook-endpoints', { params: { query: { perPage: 100 } } })).data;
  const failing = endpoints.filter((endpoint) => endpoint.failingSince !== undefined || endpoint.disabledReason === 'failing').length;
  const pending = await Promise.all(endpoints.map(async (endpoint) => {
    const page = unwrap(await api.GET('/webhook-endpoints/{endpointId}/messages', { params: { path: { endpointId: endpoint.id }, query: { state: 'pending', perPage: 1 } } }));
    return 'totalItems' in page ? page.totalItems ?? 0 : page.data.length;
  }));
  return { endpoints: endpoints.length, failing, pending: pending.reduce((sum, count) => sum + count, 0) };
}
