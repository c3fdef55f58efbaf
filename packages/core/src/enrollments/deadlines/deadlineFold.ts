import { waitingOnOf, type ParticipationState } from '@flexroll/sdk';
import type { Participation } from '../Participation.js';
import { closeDeadline } from './closeDeadline.js';
import type { Deadline, DeadlineTerms, ParticipationDeadlines } from './Deadline.js';

/** A `participation.state_changed` as the deadlines see it. */
export interface DeadlineMove {
  readonly from: ParticipationState;
  readonly to: ParticipationState;
  /** The terms the event carries (`data.deadline`): the step it begins, or the same SUSPENDED step going on. */
  readonly terms?: DeadlineTerms;
  readonly occurredAt: string;
}

/**
 * The participation's deadlines after a move (the fold of `participation.state_changed`; issue 20). The same
 * SUSPENDED step going on (a reason raised or cleared) keeps its deadline — same id, status and announcements —
 * under the event's re-worked terms. Any other move closes the open deadline into `last` ({@link closeDeadline}) and
 * opens the new step's, `pending` with nothing announced; a step without terms (a state nobody is expected to end, or
 * an event recorded before deadlines were kept) opens none. Undefined while the participation never had one.
 */
export function deadlinesAfterMove(deadlines: ParticipationDeadlines | undefined, move: DeadlineMove): ParticipationDeadlines | undefined {
  const open = deadlines?.open;
  if (open !== undefined && move.from === move.to && open.state === move.to) {
    return { ...deadlines, open: move.terms === undefined ? open : { ...move.terms, status: open.status, announced: open.announced } };
  }
  const last = open === undefined ? deadlines?.last : closeDeadline(open, move.to, move.occurredAt);
  const opened: Deadline | undefined = move.terms === undefined ? undefined : { ...move.terms, status: 'pending', announced: {} };
  if (opened === undefined && last === undefined) return undefined;
  return { ...(opened === undefined ? {} : { open: opened }), ...(last === undefined ? {} : { last }) };
}

/** The deadlines of a participation just created: its first step's, opened from the terms worked out then. */
export function openingDeadlines(terms: DeadlineTerms | undefined): ParticipationDeadlines | undefined {
  return terms === undefined ? undefined : { open: { ...terms, status: 'pending', announced: {} } };
}

/**
 * The deadlines after the participation's facts changed (the fold of `participation.updated`): a WINDING_DOWN
 * deadline waits on the operator until the rewards are settled, then on the platform, whose sweep completes it. The
 * clock and the announcements are untouched; nothing else depends on the facts.
 */
export function deadlinesAfterFacts(participation: Participation): ParticipationDeadlines | undefined {
  const { deadlines } = participation;
  const open = deadlines?.open;
  if (open?.state !== 'WINDING_DOWN') return deadlines;
  const waitingOn = waitingOnOf(open.state, [], { rewardsSettled: participation.rewardsSettledAt !== undefined });
  return waitingOn === undefined || waitingOn === open.waitingOn ? deadlines : { ...deadlines, open: { ...open, waitingOn } };
}
