import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppOptions } from '../createApp.js';
import { describeError } from '../logging/describeError.js';
import { SharedWindows } from './SharedWindows.js';

/** How often a key being counted is reported to the store's shared counts by default (docs/performance.md (v)). */
export const DEFAULT_RATE_COUNT_SYNC_MS = 100;

/** This process's name in the shared counts' rows: host, pid and a random part, so a restarted pid is another. */
const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * One counter's windows, shared through the store's counts when the host gave them, this process's own otherwise.
 * From half its limit a key is reported back to back, so the processes learn each other's counts where it matters.
 */
export function sharedWindowsFor(options: AppOptions, name: string, windowMs: number, limit: number): SharedWindows {
  let warnedAt = 0;
  return new SharedWindows({
    name,
    windowMs,
    eagerFrom: Math.ceil(limit / 2),
    syncMs: options.rateCountSyncMs ?? DEFAULT_RATE_COUNT_SYNC_MS,
    holder: PROCESS_HOLDER,
    ...(options.rateCounts === undefined ? {} : { counts: options.rateCounts }),
    onSyncError: (error) => {
      // Once a minute at most: while the store is away every counted key would say so.
      if (Date.now() - warnedAt < 60_000) return;
      warnedAt = Date.now();
      options.logger.warn('shared rate counts not reachable; counting in this process until they are', { counter: name, error: describeError(error) });
    },
  });
}
