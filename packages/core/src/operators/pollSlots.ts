import type { PollingSettings } from '@flexroll/sdk';
import { pollingBackoff, waitAfter } from '../platform/index.js';

/**
 * When a participation is polled: a fixed series of slots from the moment it entered its state — at once, then after
 * each quiet poll twice as long as the last wait (`pollingBackoff`), up to `polling.maxIntervalSeconds`. Derived from
 * the participation alone, so that any writer of its stored copy (a telemetry arrival, the sweep) computes the same
 * next slot and a quiet participation keeps its back-off; a move starts the series again at the normal pace.
 */
export function pollSlotAtOrAfter(participation: { readonly history: ReadonlyArray<{ readonly occurredAt: string }> }, polling: Required<PollingSettings>, from: number, fallbackStart: string): number {
  let slot = Date.parse(participation.history.at(-1)?.occurredAt ?? fallbackStart);
  const backoff = pollingBackoff(polling);
  const longest = waitAfter(backoff, Number.MAX_SAFE_INTEGER)!;
  for (let misses = 1; slot < from; misses++) {
    // The wait after the misses-th quiet poll, as the worker's back-off had it (PollSchedule's `delay`).
    const wait = Math.max(1, waitAfter(backoff, misses + 1)!);
    if (wait >= longest) return slot + Math.ceil((from - slot) / wait) * wait; // the waits stay the same from here
    slot += wait;
  }
  return slot;
}
