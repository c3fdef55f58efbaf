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
  /**
   * From this count on, a key is reported as soon as its previous report answers instead of after `syncMs`: near a
   * limit the others' count is learnt as fast as the store answers, where an error costs a request let through.
   */
  readonly eagerFrom?: number;
}

interface KeyState {
  window: number;
  /** This process's count in the window. */
  own: number;
  /** The other processes' count in the window, as of the last report. */
  others: number;
  /** When the last report answered (epoch ms), and how fast the others counted between the two reports before it. */
  othersAt: number;
  othersPerMs: number;
  /** Counted since the last report began. */
  dirty: boolean;
  syncing: boolean;
  timer: NodeJS.Timeout | undefined;
  /** Whether the timer set is the one without `syncMs`'s wait. */
  timerEager: boolean;
}

/**
 * Fixed windows per key, aligned to the clock (window n runs from n × windowMs), counted by every process of a
 * deployment. The count is decided in memory, without waiting for the store: each process adds its own count to the
 * others' as of its last report, and reports a key at most once per `syncMs` while it is being counted, off the
 * request's path. So a request costs the same as with a per-process count, and a deployment of P processes lets
 * through at most the limit plus what arrives within one `syncMs` across them (P × rate × syncMs, bounded).
 * Two things shrink that error where it matters: near the limit (`eagerFrom`) a key is reported back to back, and
 * between reports the others' count is projected at the rate it grew between the last two, for at most one
 * `syncMs` (a process that stopped counting is not projected on for long).
 *
 * While the store does not answer, each process goes on with its own count plus the others' last known one — the
 * in-memory fallback — and reports again at its next count.
 */
export class SharedWindows {
  #states = new Map<string, KeyState>();

  constructor(private readonly options: SharedWindowsOptions) {
    // Keys of ended windows are forgotten once a window, without a scan on the request's path.
    // (A timer cannot wait longer than 2³¹ − 1 ms.)
    setInterval(() => this.#forgetEnded(Date.now()), Math.min(options.windowMs, 2 ** 31 - 1)).unref();
  }

  /** Counts one for `key` at `now`, and answers the key's count with it. */
  count(key: string, now: number): WindowCount {
    const window = Math.floor(now / this.options.windowMs);
    let state = this.#states.get(key);
    if (state === undefined) {
      state = { window, own: 0, others: 0, othersAt: now, othersPerMs: 0, dirty: false, syncing: false, timer: undefined, timerEager: false };
      this.#states.set(key, state);
    } else if (state.window !== window) {
      state.window = window;
      state.own = 0;
      state.others = 0;
      state.othersAt = now;
      state.othersPerMs = 0;
    }
    state.own++;
    state.dirty = true;
    this.#schedule(key, state);
    return { total: this.#total(state, now), resetAt: (window + 1) * this.options.windowMs };
  }

  /** The key's count at `now`, counting nothing. */
  peek(key: string, now: number): WindowCount {
    const window = Math.floor(now / this.options.windowMs);
    const state = this.#states.get(key);
    const total = state === undefined || state.window !== window ? 0 : this.#total(state, now);
    return { total, resetAt: (window + 1) * this.options.windowMs };
  }

  /** This process's count, the others' as last reported, and what they have likely counted since. */
  #total(state: KeyState, now: number): number {
    const since = Math.min(Math.max(0, now - state.othersAt), this.options.syncMs);
    return state.own + state.others + Math.floor(state.othersPerMs * since);
  }

  #schedule(key: string, state: KeyState): void {
    if (this.options.counts === undefined || state.syncing) return;
    const eager = this.options.eagerFrom !== undefined && state.own + state.others >= this.options.eagerFrom;
    if (state.timer !== undefined) {
      // A key that reaches `eagerFrom` while it waits out `syncMs` is reported now.
      if (!eager || state.timerEager) return;
      clearTimeout(state.timer);
    }
    state.timerEager = eager;
    state.timer = setTimeout(() => void this.#sync(key, state), eager ? 0 : this.options.syncMs);
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
      if (state.window === window) this.#learn(state, Math.max(0, total - own), Date.now());
    } catch (error) {
      this.options.onSyncError?.(error);
    } finally {
      state.syncing = false;
      if (state.dirty) this.#schedule(key, state);
    }
  }

  #learn(state: KeyState, others: number, at: number): void {
    const elapsed = at - state.othersAt;
    if (elapsed > 0) state.othersPerMs = Math.max(0, others - state.others) / elapsed;
    state.others = others;
    state.othersAt = at;
  }

  #forgetEnded(now: number): void {
    const window = Math.floor(now / this.options.windowMs);
    for (const [key, state] of this.#states) {
      if (state.window < window && !state.syncing && state.timer === undefined) this.#states.delete(key);
    }
  }
}
