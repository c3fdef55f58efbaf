/** How many addresses the throttle remembers at most; the oldest are dropped first beyond it. */
const CAPACITY = 100_000;
const WINDOW_MS = 60_000;

/** One address: its failures in the current window, the attempts being checked now, and who waits for one of them. */
interface AddressState {
  startedAt: number;
  failures: number;
  checking: number;
  readonly waiting: Array<() => void>;
}

/** An attempt let through to have its credentials checked; it must be settled, once, with how the check went. */
export interface AdmittedAttempt {
  settle(failed: boolean): void;
}

/** What the throttle says to an attempt: checked now, or refused for some seconds. */
export type Admission = { readonly admitted: AdmittedAttempt } | { readonly blockedForSeconds: number };

/**
 * Slows down guessing: an address whose credentials failed `limit` times within a minute is refused (429) for the
 * rest of that minute, before its credentials are even looked up. Counted per process, like the rate limit. A failed
 * attempt is a wrong API key or a wrong administrator token; a request with no credentials at all costs nothing to
 * refuse and is not counted.
 *
 * Exact under parallel clients: an attempt is admitted only while the failures so far plus the attempts still being
 * checked stay under the limit, so that 100 guesses sent at once cannot all pass the check before the first of them
 * fails. An attempt beyond that waits for one being checked to settle (a success frees its place), rather than being
 * refused: a busy client with a good key behind one address is slowed for a moment, never turned away.
 */
export class FailedAuthThrottle {
  readonly #addresses = new Map<string, AddressState>();

  constructor(private readonly limit: number) {}

  /** Admits an attempt from `address` once the limit allows it to be checked, or says how long it is refused. */
  async admit(address: string, now: () => number = Date.now): Promise<Admission> {
    for (;;) {
      const state = this.#stateOf(address, now());
      if (state.failures >= this.limit) return { blockedForSeconds: Math.max(1, Math.ceil((state.startedAt + WINDOW_MS - now()) / 1000)) };
      if (state.failures + state.checking < this.limit) {
        state.checking++;
        return { admitted: this.#attempt(address, state, now) };
      }
      await new Promise<void>((resolve) => state.waiting.push(resolve));
    }
  }

  #attempt(address: string, state: AddressState, now: () => number): AdmittedAttempt {
    let settled = false;
    return {
      settle: (failed) => {
        if (settled) return;
        settled = true;
        state.checking--;
        // A failure counts in the window it is known in; one whose window has since ended starts the next.
        if (failed) this.#stateOf(address, now()).failures++;
        for (const wake of state.waiting.splice(0)) wake();
      },
    };
  }

  /** The address's state, its window started again if the last one has ended; remembered only while under capacity. */
  #stateOf(address: string, now: number): AddressState {
    let state = this.#addresses.get(address);
    if (state === undefined) {
      state = { startedAt: now, failures: 0, checking: 0, waiting: [] };
      this.#addresses.set(address, state);
      if (this.#addresses.size > CAPACITY) this.#forgetOldest();
    } else if (now - state.startedAt >= WINDOW_MS) {
      state.startedAt = now;
      state.failures = 0;
      // Moved to the newest end, so that the addresses forgotten first are those whose windows are oldest.
      this.#addresses.delete(address);
      this.#addresses.set(address, state);
    }
    return state;
  }

  /** Forgets the oldest address that nobody is checking or waiting on (their settling needs its state). */
  #forgetOldest(): void {
    for (const [address, state] of this.#addresses) {
      if (state.checking === 0 && state.waiting.length === 0) {
        this.#addresses.delete(address);
        return;
      }
    }
  }
}
