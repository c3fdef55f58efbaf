import { WAITING_ON, type WaitingOn } from '@flexroll/sdk';
import type { DeadlineCounts } from '../deadlines/index.js';
import { deadlineOfTag, facetsOfCombo, type ListCounts } from '../enrollments/index.js';

/** The home's due deadlines: per party, those due soon or missed, and the missed ones alone. */
export interface DueDeadlines {
  readonly actionable: DeadlineCounts;
  readonly missed: DeadlineCounts;
}

/**
 * An instance's due deadlines from its list's kept counts: each live enrollment is counted with its participation's
 * due deadline as a tag (`deadlineTag`, ADR 0017's second addendum), so these are sums over the facet combinations,
 * whatever is due — no deadline record is read. Snoozed deadlines are in, as the overdue queue's counts with
 * `includeSnoozed` have them: a snooze is the queue's note, not the participation's.
 */
export function dueDeadlinesOf(counts: ListCounts): DueDeadlines {
  const zero = () => Object.fromEntries(WAITING_ON.map((party) => [party, 0])) as Record<WaitingOn, number>;
  const actionable = zero();
  const missed = zero();
  for (const [key, count] of Object.entries(counts.combos)) {
    const facets = facetsOfCombo(key);
    if (facets.deleted) continue;
    for (const tag of facets.tags) {
      const due = deadlineOfTag(tag);
      if (due === undefined) continue;
      actionable[due.waitingOn] += count;
      if (due.status === 'missed') missed[due.waitingOn] += count;
    }
  }
  return { actionable, missed };
}
