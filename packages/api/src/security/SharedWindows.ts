import type { RateCountRepository } from '@flexroll/core';

/** What a counter holds for a key now: every process's count in the current window, and when that window ends. */
export interface WindowCount {
  readonly total: number;
  /** When the window ends, in epoch milliseconds. */
  readonly resetAt: number;
}

export interface SharedWindowsOptions {
  /** Names the counter in the store (`rate`, `auth`), so that two counters of one key stay apart. */
  readonly name: string;
  readonly windowMs: number;
  /** How long after a count this process reports its counts to the store and learns the others'. */
  readonly syncMs: number;
  /** The store's shared counts; without it (or while it fails) each process counts alone. */
  readonly counts?: RateCountRepository;
  /** This process's name in the store's rows: unique per process. */
  readonly holder: string;
  /** Told when a report fails; the count goes on from what this process knows. */
  readonly onSyncError?: (error: unknown) => void;
}

interface KeyState {
  window: number;
  /** This process's count in the window. */
  own: number;
  /** The other processes' count in the window, as of the last report. */
  others: number;
  /** Counted since the last report began. */
  dirty: boolean;
  syncing: boolean;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Fixed windows per key, aligned to the clock (window n runs from n × windowMs), counted by every process of a
 * deployment. The count is decided in memory, without waiting for the store: each process adds its own count to the
 * others' as of its last report, and reports a key at most once per `syncMs` while it is being counted, off the
 * request's path. So a request costs the same as with a per-process count, and a deployment of P processes lets
 * through at most the limit plus what arrives within one `syncMs` across them (P × rate × syncMs, bounded).
 *
 * While the store does not answer, each process goes on with its own count plus the others' last known one — the
 * in-memory fallback — and reports again at its next count.
 */
export class SharedWindows {
  #states = new Map<string, KeyState>();

  constructor(private readonly options: SharedWindowsOptions) {
    // Keys of ended windows are forgotten once a window, without a scan on the request's path.
    setInterval(() => this.#forgetEnded(Date.now()), options.windowMs).unref();
  }

  /** Counts one for `key` at `now`, and answers the key's count with it. */
  count(key: string, now: number): WindowCount {
    const window = Math.floor(now / this.options.windowMs);
    let state = this.#states.get(key);
    if (state === undefined) {
      state = { window, own: 0, others: 0, dirty: false, syncing: false, timer: undefined };
      this.#states.set(key, state);
    } else if (state.window !== window) {
      state.window = window;
      state.own = 0;
      state.others = 0;
    }
    state.own++;
    state.dirty = true;
    this.#schedule(key, state);
    return { total: state.own + state.others, resetAt: (window + 1) * this.options.windowMs };
  }

  /** The key's count at `now`, counting nothing. */
  peek(key: string, now: number): WindowCount {
    const window = Math.floor(now / this.options.windowMs);
    const state = this.#states.get(key);
    const total = state === undefined || state.window !== window ? 0 : state.own + state.others;
    return { total, resetAt: (window + 1) * this.options.windowMs };
  }

  #schedule(key: string, state: KeyState): void {
    if (this.options.counts === undefined || state.timer !== undefined || state.syncing) return;
    state.timer = setTimeout(() => void this.#sync(key, state), this.options.syncMs);
    state.timer.unref();
  }

  async #sync(key: string, state: KeyState): Promise<void> {
    state.timer = undefined;
    state.syncing = true;
    state.dirty = false;
    const { window, own } = state;
    try {
      const total = await this.options.counts!.report(`${this.options.name}:${key}`, window, this.options.holder, own);
      // What the others counted is the sum less this process's row as reported.
      if (state.window === window) state.others = Math.max(0, total - own);
    } catch (error) {
      this.options.onSyncError?.(error);
    } finally {
      state.syncing = false;
      if (state.dirty) this.#schedule(key, state);
    }
  }

  #forgetEnded(now: number): void {
    const window = Math.floor(now / this.options.windowMs);
    for (const [key, state] of this.#states) {
      if (state.window < window && !state.syncing && state.timer === undefined) this.#states.delete(key);
    }
  }
}
