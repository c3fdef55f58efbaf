import { longestWait, waitAfter, type Backoff } from '../../platform/index.js';
import type { WebhookResult } from '../transport/WebhookTransport.js';

/** What follows an attempt: nothing (it succeeded), another attempt at a time, or no more attempts. */
export type NextStep = { readonly kind: 'delivered' } | { readonly kind: 'retry'; readonly at: Date } | { readonly kind: 'exhausted' };

export const isSuccess = (result: WebhookResult): boolean => result.kind === 'response' && result.statusCode >= 200 && result.statusCode < 300;

/**
 * When to try again after the `failuresInRound`-th failure in a row: the webhook schedule's wait (see
 * `retriedWork`: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h by default, ±jitter), or — for a 429 or 503 that says so —
 * the receiver's own `Retry-After` (seconds or an HTTP date), capped at the schedule's longest wait. Past the end of
 * the schedule: exhausted.
 */
export function nextStep(result: WebhookResult, failuresInRound: number, now: Date, backoff: Backoff, random: () => number = Math.random): NextStep {
  if (isSuccess(result)) return { kind: 'delivered' };
  const scheduled = waitAfter(backoff, failuresInRound, random);
  if (scheduled === undefined) return { kind: 'exhausted' };
  const asked = result.kind === 'response' && (result.statusCode === 429 || result.statusCode === 503) ? retryAfterMs(result.retryAfter, now) : undefined;
  if (asked !== undefined) return { kind: 'retry', at: new Date(now.getTime() + Math.min(asked, longestWait(backoff))) };
  return { kind: 'retry', at: new Date(now.getTime() + scheduled) };
}

/** A `Retry-After` header in milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
