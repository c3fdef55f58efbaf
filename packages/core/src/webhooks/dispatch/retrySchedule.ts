import { longestWait, totalWait, waitAfter, type Backoff } from '../../platform/index.js';
import type { WebhookResult } from '../transport/WebhookTransport.js';

/**
 * What follows an attempt: nothing (it succeeded), another attempt at a time — `postponed` when the receiver asked
 * for it and the attempt spent none of the failure budget — or no more attempts.
 */
export type NextStep =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'retry'; readonly at: Date; readonly postponed: boolean }
  | { readonly kind: 'exhausted' };

/** A round of attempts so far: when its first attempt was claimed, and how many of its failures spent the budget. */
export interface RoundSoFar {
  readonly startedAt: Date;
  /** Failures before this attempt that counted (a postponed one does not; an abandoned one does). */
  readonly failures: number;
  /** Attempts before this one that the receiver postponed. */
  readonly postponements: number;
}

/** The longest a receiver's `Retry-After` is waited for in one postponement; a longer ask waits this long. */
export const RETRY_AFTER_MAX_MS = 60 * 60_000;
/** The shortest: a `Retry-After: 0` is not a licence to try again at once, in a loop. */
export const RETRY_AFTER_MIN_MS = 1_000;
/** A round's most postponements: a receiver that keeps asking is, past these, failing like any other. */
export const MAX_POSTPONEMENTS = 100;

export const isSuccess = (result: WebhookResult): boolean => result.kind === 'response' && result.statusCode >= 200 && result.statusCode < 300;

/**
 * When to try again after a failed attempt. A 429 or 503 with a `Retry-After` (seconds or an HTTP date) postpones
 * the message to the time asked — at least {@link RETRY_AFTER_MIN_MS}, at most {@link RETRY_AFTER_MAX_MS} — without
 * spending the failure budget, as long as the postponed attempt still falls within the round's window (the whole
 * schedule, 5 s + 5 min + … + 10 h ≈ 27.6 h by default, from the round's first attempt) and the round has had
 * fewer than {@link MAX_POSTPONEMENTS}. Any other failure spends one: the webhook schedule's next wait (see
 * `retriedWork`: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h by default, ±jitter), or the receiver's own
 * `Retry-After` when it gave one, capped at the schedule's longest wait. Past the end of the schedule: exhausted.
 */
export function nextStep(result: WebhookResult, round: RoundSoFar, now: Date, backoff: Backoff, random: () => number = Math.random): NextStep {
  if (isSuccess(result)) return { kind: 'delivered' };
  const asked = result.kind === 'response' && (result.statusCode === 429 || result.statusCode === 503) ? retryAfterMs(result.retryAfter, now) : undefined;
  if (asked !== undefined && round.postponements < MAX_POSTPONEMENTS) {
    const at = new Date(now.getTime() + Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, asked)));
    if (at.getTime() <= round.startedAt.getTime() + totalWait(backoff)) return { kind: 'retry', at, postponed: true };
  }
  const scheduled = waitAfter(backoff, round.failures + 1, random);
  if (scheduled === undefined) return { kind: 'exhausted' };
  const wait = asked === undefined ? scheduled : Math.min(Math.max(RETRY_AFTER_MIN_MS, asked), longestWait(backoff));
  return { kind: 'retry', at: new Date(now.getTime() + wait), postponed: false };
}

/** A `Retry-After` header in milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
