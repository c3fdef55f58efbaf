import { IllegalTransitionError } from '../errors/IllegalTransitionError.js';
import { acceptedParticipationTriggers } from './acceptedParticipationTriggers.js';
import { applyParticipationTrigger } from './applyParticipationTrigger.js';
import type { ParticipationSnapshot, TriggerContext } from './ParticipationSnapshot.js';
import type { PlannedStep, SubmissionContext, SubmissionEntry } from './ParticipationSubmission.js';
import { readParticipationSnapshot } from './participationInput.js';
import { isParticipating } from './stateGroups.js';
import { readEntries, readSubmissionContext, type ReachedEntry } from './submissionInput.js';
import { SUSPENSION_REASONS, type SuspensionReason } from './suspensionReasons.js';
import type { ParticipationTrigger } from './triggers.js';
import { stateNamer } from './vocabularyErrors.js';

type Move = Omit<PlannedStep, 'entry'>;
type Namer = (state: string) => string;

/**
 * Plans a provider's submission (seed 002): the triggers, in order, that bring a participation to what the
 * submission says the provider sees. A submission states a state, it does not toggle one, so it is reconciled:
 *
 * - **Where it resumes.** The entries are read as a timeline (PENDING entries are skipped: expected, not reached).
 *   The last entry the participation already matches — the same state name in the submission's vocabulary, and in
 *   SUSPENDED the same set of reasons — is where it stands on that timeline; only the entries after it are applied,
 *   in order. If it matches none, every entry is applied. So the same submission sent again plans nothing.
 * - **SUSPENDED** names the complete set of active reasons: the missing ones are raised first (in seed 000's
 *   reason order), then the absent ones are cleared (in the same order) — so a change of reasons never passes
 *   through ACTIVE, where the device would be dispatchable. From ACTIVE, the first raise suspends it.
 * - **ACTIVE** after SUSPENDED clears every active reason, in seed order.
 * - **Any other state** is reached by the shortest chain of triggers whose states in between are named, in the
 *   submission's vocabulary, like the start or the target: in v1 that is exactly one trigger; in v2, where
 *   CONFIRMING_DISPATCH and AWAITING_ELIGIBILITY are both CHECKING_ELIGIBILITY, `CHECKING_ELIGIBILITY` from
 *   AWAITING_DEVICE_TELEMETRY is `telemetry_received`, and `AWAITING_REGISTRATION` from CONFIRMING_DISPATCH is
 *   `control_confirmed` then `eligibility_confirmed`. The meter settings decide where `telemetry_received` leads.
 *
 * Pure: the snapshot is not changed, and the whole submission is checked before anything is planned.
 *
 * @throws InputError naming the entry's field (`/entries/1/state`, `/entries/0/suspensionReasons`) for an unknown
 *   name, status or reason, a SUSPENDED entry without reasons, or reasons on any other state.
 * @throws IllegalTransitionError when an entry cannot be reached from where the entries before it leave the
 *   participation, naming that state (in the submission's vocabulary) and the triggers it accepts.
 * @example
 * const suspended = { state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST'] } as const;
 * planSubmission(suspended, [{ state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST'] }]) // [] (already so)
 * planSubmission(suspended, [{ state: 'SUSPENDED', suspensionReasons: ['CUSTOMER_REQUEST'] }])
 * // [{ entry: 0, trigger: 'suspension_raised', reason: 'CUSTOMER_REQUEST', to: { state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST', 'CUSTOMER_REQUEST'] } },
 * //  { entry: 0, trigger: 'suspension_cleared', reason: 'OPERATOR_REQUEST', to: { state: 'SUSPENDED', suspensionReasons: ['CUSTOMER_REQUEST'] } }]
 * planSubmission({ state: 'AWAITING_TELEMETRY', suspensionReasons: [] }, [{ state: 'CHECKING_ELIGIBILITY' }], { vocabulary: 'v2' })
 * // [{ entry: 0, trigger: 'telemetry_received', to: { state: 'CONFIRMING_DISPATCH', suspensionReasons: [] } }]
 */
export function planSubmission(snapshot: ParticipationSnapshot, entries: readonly SubmissionEntry[], context?: SubmissionContext): PlannedStep[] {
  let current = readParticipationSnapshot(snapshot);
  const { vocabulary, meterAccessRequired, meterAccessAvailable } = readSubmissionContext(context);
  const reached = readEntries(entries, vocabulary);
  const name = stateNamer(vocabulary);
  const machine: TriggerContext = { meterAccessRequired, meterAccessAvailable };
  const standsAt = reached.findLastIndex((entry) => matches(current, entry, name));
  const steps: PlannedStep[] = [];
  for (const entry of reached.slice(standsAt + 1)) {
    for (const move of movesTo(current, entry, name, machine)) {
      steps.push({ entry: entry.index, ...move });
      current = move.to;
    }
  }
  return steps;
}

function matches(snapshot: ParticipationSnapshot, entry: ReachedEntry, name: Namer): boolean {
  if (name(snapshot.state) !== entry.name) return false;
  return snapshot.suspensionReasons.length === entry.reasons.length && entry.reasons.every((reason) => snapshot.suspensionReasons.includes(reason));
}

function movesTo(current: ParticipationSnapshot, entry: ReachedEntry, name: Namer, context: TriggerContext): Move[] {
  if (matches(current, entry, name)) return [];
  if (entry.name === 'SUSPENDED' && isParticipating(current.state)) return reconcileReasons(current, entry.reasons);
  if (entry.name === 'ACTIVE' && current.state === 'SUSPENDED') return reconcileReasons(current, []);
  const path = shortestPath(current, entry.name, name, context);
  if (path !== undefined) return path;
  throw new IllegalTransitionError('participation', current.state, entry.name, acceptedParticipationTriggers(current), (namer) => {
    const outcomes = nextStates(current, context).map(({ trigger, to }) => `${trigger} leads to ${namer(to.state)}`);
    return `no trigger leads from ${namer(current.state)} to ${entry.name}${outcomes.length === 0 ? '' : `; here ${outcomes.join(', ')}`}`;
  }).withStateNames(name);
}

/** Raises the wanted reasons that are missing, then clears the active ones not wanted, each in seed order. */
function reconcileReasons(current: ParticipationSnapshot, wanted: readonly SuspensionReason[]): Move[] {
  const moves: Move[] = [];
  let snapshot = current;
  const step = (trigger: ParticipationTrigger, reason: SuspensionReason): void => {
    snapshot = applyParticipationTrigger(snapshot, trigger, { reason });
    moves.push({ trigger, reason, to: snapshot });
  };
  for (const reason of SUSPENSION_REASONS) if (wanted.includes(reason) && !current.suspensionReasons.includes(reason)) step('suspension_raised', reason);
  for (const reason of SUSPENSION_REASONS) if (!wanted.includes(reason) && current.suspensionReasons.includes(reason)) step('suspension_cleared', reason);
  return moves;
}

/** Breadth first over the non-suspension triggers, through states named like the start or the target only. */
function shortestPath(start: ParticipationSnapshot, target: string, name: Namer, context: TriggerContext): Move[] | undefined {
  const passable = new Set([name(start.state), target]);
  const seen = new Set<string>([start.state]);
  let frontier: { snapshot: ParticipationSnapshot; moves: Move[] }[] = [{ snapshot: start, moves: [] }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { snapshot, moves } of frontier) {
      for (const { trigger, to } of nextStates(snapshot, context)) {
        if (seen.has(to.state) || !passable.has(name(to.state))) continue;
        const path = [...moves, { trigger, to }];
        if (name(to.state) === target) return path;
        seen.add(to.state);
        next.push({ snapshot: to, moves: path });
      }
    }
    frontier = next;
  }
  return undefined;
}

/** Where each accepted trigger but the suspension ones leads from here, with this context. */
function nextStates(snapshot: ParticipationSnapshot, context: TriggerContext): { trigger: ParticipationTrigger; to: ParticipationSnapshot }[] {
  return acceptedParticipationTriggers(snapshot)
    .filter((trigger) => trigger !== 'suspension_raised' && trigger !== 'suspension_cleared')
    .map((trigger) => ({ trigger, to: applyParticipationTrigger(snapshot, trigger, context) }));
}
