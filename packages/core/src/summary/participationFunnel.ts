import { ENROLLMENT_STATUSES, PARTICIPATION_STATES, statesBetween, type EnrollmentStatus, type ParticipationState } from '@flexroll/sdk';
import { facetsOfCombo, type ListCounts } from '../enrollments/index.js';

/**
 * Seed 000's onboarding path, in order: the steps a participation goes through to become active. The other states
 * (`INELIGIBLE`, `SUSPENDED`, the exits, `FAILED`) are not steps: a participation in one of them left the path, or
 * paused on it, at a step its current state does not tell.
 */
export const FUNNEL_STEPS: readonly ParticipationState[] = statesBetween('ENROLMENT_REQUESTED', 'ACTIVE');

/** A suspended participation was active (seed 000: only `ACTIVE` is suspended), so it has reached every step. */
const COUNTS_AS: Partial<Record<ParticipationState, ParticipationState>> = { SUSPENDED: 'ACTIVE' };

/** One step of the funnel: how many participations are at it now, and how many reached it (are at it or past it). */
export interface FunnelStep {
  readonly state: ParticipationState;
  readonly current: number;
  readonly reached: number;
  /** Of those that reached the step before, how many have not reached this one: they are at the step before now (0 for the first step). */
  readonly stoppedBefore: number;
}

/** The live enrollments of an instance by status and by participation state, and the funnel: sums of the list's kept counts. */
export interface ListTotals {
  readonly enrollments: number;
  readonly byStatus: Readonly<Record<EnrollmentStatus, number>>;
  /** Every state, 0 where none is; `none` counts enrollments with no participation. */
  readonly byParticipationState: Readonly<Record<ParticipationState | 'none', number>>;
  readonly funnel: readonly FunnelStep[];
}

/** The totals of a list's counts: one pass over its facet combinations, never over its enrollments. */
export function listTotalsOf(counts: ListCounts): ListTotals {
  const byStatus = Object.fromEntries(ENROLLMENT_STATUSES.map((status) => [status, 0])) as Record<EnrollmentStatus, number>;
  const byState = Object.fromEntries([...PARTICIPATION_STATES, 'none'].map((state) => [state, 0])) as Record<ParticipationState | 'none', number>;
  let enrollments = 0;
  for (const [key, count] of Object.entries(counts.combos)) {
    const facets = facetsOfCombo(key);
    if (facets.deleted) continue;
    enrollments += count;
    byStatus[facets.status] = (byStatus[facets.status] ?? 0) + count;
    byState[facets.participationState ?? 'none'] += count;
  }
  return { enrollments, byStatus, byParticipationState: byState, funnel: funnelOf(byState) };
}

function funnelOf(byState: Readonly<Record<ParticipationState | 'none', number>>): FunnelStep[] {
  const at = FUNNEL_STEPS.map((step) => byState[step]);
  for (const [state, step] of Object.entries(COUNTS_AS) as Array<[ParticipationState, ParticipationState]>) at[FUNNEL_STEPS.indexOf(step)]! += byState[state];
  const reached = at.map((_, index) => at.slice(index).reduce((sum, count) => sum + count, 0));
  return FUNNEL_STEPS.map((state, index) => ({
    state,
    current: at[index]!,
    reached: reached[index]!,
    stoppedBefore: index === 0 ? 0 : reached[index - 1]! - reached[index]!,
  }));
}
