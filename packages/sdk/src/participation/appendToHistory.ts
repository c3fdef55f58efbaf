import type { ParticipationHistoryEntry } from './ParticipationSnapshot.js';
import { PARTICIPATION_STATE_DEFINITIONS, type ParticipationState } from './states.js';

/**
 * How many Participation-phase entries (ACTIVE and SUSPENDED episodes) a history keeps: the latest ones.
 * @example PARTICIPATION_EPISODE_BOUND // 10
 */
export const PARTICIPATION_EPISODE_BOUND = 10;

const inParticipationPhase = (state: ParticipationState): boolean => PARTICIPATION_STATE_DEFINITIONS[state].phase === 'Participation';

/**
 * Adds the state a participation just entered to its history, keeping the history a picture of the lifecycle
 * rather than a log (seed 001: "the lifecycle timeline of states it has passed through, is in, and is expected
 * to reach"), so that it stays small however often a device flaps. The full history is in the events.
 *
 * - A SUSPENDED participation whose reasons change stays one entry: the first `occurredAt`, the latest reasons.
 * - An Enrolment or Unenrolment state appears once: re-entering one (ENROLMENT_REQUESTED again after the site's
 *   properties changed) starts the path over from it, dropping the entries from its earlier visit on.
 * - Of the Participation phase only the latest `bound` ACTIVE/SUSPENDED entries are kept.
 *
 * Pure: returns a new array and never changes the one passed in. At most 9 Enrolment, `bound` Participation and
 * 4 Unenrolment entries remain, so a history is bounded whatever happened.
 *
 * @example
 * appendToHistory([{ state: 'ACTIVE', occurredAt: '2023-11-07T05:31:56Z', suspensionReasons: [] }],
 *   { state: 'SUSPENDED', occurredAt: '2023-11-08T09:00:00Z', suspensionReasons: ['OPERATOR_REQUEST'] })
 * // [{ state: 'ACTIVE', … }, { state: 'SUSPENDED', occurredAt: '2023-11-08T09:00:00Z', suspensionReasons: ['OPERATOR_REQUEST'] }]
 */
export function appendToHistory(
  history: readonly ParticipationHistoryEntry[],
  entry: ParticipationHistoryEntry,
  bound: number = PARTICIPATION_EPISODE_BOUND,
): ParticipationHistoryEntry[] {
  const last = history.at(-1);
  if (last !== undefined && last.state === entry.state && entry.state === 'SUSPENDED') {
    return [...history.slice(0, -1), { ...last, suspensionReasons: entry.suspensionReasons }];
  }
  const earlierVisit = inParticipationPhase(entry.state) ? -1 : history.findIndex((kept) => kept.state === entry.state);
  const next = [...(earlierVisit < 0 ? history : history.slice(0, earlierVisit)), entry];
  let excess = next.filter((kept) => inParticipationPhase(kept.state)).length - Math.max(1, bound);
  return excess <= 0 ? next : next.filter((kept) => !(inParticipationPhase(kept.state) && excess-- > 0));
}
