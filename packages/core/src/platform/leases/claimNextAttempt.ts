import { newPrefixedId } from '../ids.js';
import type { DeliveryAttempt, DeliveryAttemptRepository } from '../../webhooks/index.js';

/** Who claims, and for how long. */
export interface ClaimRequest {
  readonly workspaceId: string;
  readonly subjectId: string;
  /**
   * The attempts the caller believes were made (its summary may lag; the attempts decide). Omitted when the work
   * keeps no count of its own (a job): the attempts are read first, and the one after the last is claimed.
   */
  readonly knownAttempts?: number;
  readonly claimedBy: string;
  readonly now: Date;
  readonly leaseMs: number;
  /** Extra fields to record on the attempt (a webhook's endpoint id). */
  readonly details?: Partial<Pick<DeliveryAttempt, 'endpointId'>>;
}

/**
 * The outcome of a claim: the attempt is ours (`claimed`, noting an attempt we found abandoned), another holder's
 * lease is live (`busy`), or the caller's summary lags a finished attempt it did not know of (`stale`: rebuild the
 * summary from `last` rather than attempt again).
 */
export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly attempt: DeliveryAttempt; readonly abandoned?: DeliveryAttempt }
  | { readonly kind: 'busy' }
  | { readonly kind: 'stale'; readonly last: DeliveryAttempt };

/**
 * Claims the next attempt at a subject with the one guard every store makes atomic: inserting `(subjectId, n)`.
 * Losing that insert means someone else holds attempt n, or holds or finished a later one: the attempts are read to
 * say which. An unfinished attempt past its lease is its holder's death: it is marked `abandoned` and the next
 * number is claimed — by one claimant only, again by the insert. Every kind of retried work claims this way; the
 * claimed attempt is then held with a `Lease`.
 */
export async function claimNextAttempt(attempts: DeliveryAttemptRepository, request: ClaimRequest): Promise<ClaimOutcome> {
  const build = (attempt: number): DeliveryAttempt => ({
    id: newPrefixedId('att'),
    workspaceId: request.workspaceId,
    subjectId: request.subjectId,
    attempt,
    claimedBy: request.claimedBy,
    claimedAt: request.now.toISOString(),
    leaseExpiresAt: new Date(request.now.getTime() + request.leaseMs).toISOString(),
    ...request.details,
  });
  const lastOf = async () => (await attempts.listForSubject(request.workspaceId, request.subjectId)).at(-1);
  const claim = async (attempt: DeliveryAttempt, abandoned?: DeliveryAttempt): Promise<ClaimOutcome> =>
    (await attempts.claim(attempt)) === 'inserted' ? { kind: 'claimed', attempt, ...(abandoned === undefined ? {} : { abandoned }) } : { kind: 'busy' };
  const known = request.knownAttempts;
  let last: DeliveryAttempt | undefined;
  if (known === undefined) {
    last = await lastOf();
    if (last === undefined) return claim(build(1));
    if (last.finishedAt !== undefined) return claim(build(last.attempt + 1));
  } else {
    const first = build(known + 1);
    if ((await attempts.claim(first)) === 'inserted') return { kind: 'claimed', attempt: first };
    last = await lastOf();
    if (last === undefined) return { kind: 'busy' };
    if (last.finishedAt !== undefined) return last.attempt > known ? { kind: 'stale', last } : { kind: 'busy' };
  }
  if (Date.parse(last.leaseExpiresAt) > request.now.getTime()) return { kind: 'busy' };
  const next = build(last.attempt + 1);
  if ((await attempts.claim(next)) === 'duplicate') return { kind: 'busy' };
  const abandoned: DeliveryAttempt = { ...last, outcome: 'abandoned', finishedAt: request.now.toISOString(), error: `its holder (${last.claimedBy}) stopped before it finished; its lease ran out` };
  await attempts.replace(abandoned);
  return { kind: 'claimed', attempt: next, abandoned };
}

/** Records how a held attempt ended (its outcome and any details), by its own id. */
export async function finishAttempt(attempts: DeliveryAttemptRepository, attempt: DeliveryAttempt, ending: Pick<DeliveryAttempt, 'outcome' | 'finishedAt'> & Partial<DeliveryAttempt>): Promise<DeliveryAttempt> {
  const finished = { ...attempt, ...ending };
  await attempts.replace(finished);
  return finished;
}
