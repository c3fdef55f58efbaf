import type { PollingSettings } from '@flexroll/sdk';
import { waitAfter, pollingBackoff } from '../platform/index.js';

interface Due {
  readonly nextAt: number;
  readonly misses: number;
  readonly lastAt: number;
}

/**
 * This worker's back-off for polling an instance: how many of its polls failed in a row (the instance's next poll is
 * stored on its attempt, for every worker). It is an economy, not a guard (the poll's claim is the guard), so it
 * lives in memory: a restarted worker polls a little sooner. (Each participation's own back-off is its poll slots,
 * `pollSlots.ts`, stored as its due keys.)
 */
export class PollSchedule {
  readonly #instances = new Map<string, Due>();

  /** A failed poll of an instance: its next one waits longer each time; when it is due. */
  instanceFailed(instanceId: string, now: number, polling: Required<PollingSettings>): number {
    const misses = (this.#instances.get(instanceId)?.misses ?? 0) + 1;
    return this.#set(instanceId, { nextAt: now + delay(misses, polling), misses, lastAt: now });
  }

  /** A poll of an instance that worked: the next is due one interval on. */
  instanceSucceeded(instanceId: string, now: number, polling: Required<PollingSettings>): number {
    return this.#set(instanceId, { nextAt: now + delay(0, polling), misses: 0, lastAt: now });
  }

  #set(instanceId: string, due: Due): number {
    this.#instances.set(instanceId, due);
    return due.nextAt;
  }
}

/** The interval, doubled per miss, capped: polling's schedule in the one table (`pollingBackoff`). */
function delay(misses: number, polling: Required<PollingSettings>): number {
  return waitAfter(pollingBackoff(polling), misses + 1)!;
}
