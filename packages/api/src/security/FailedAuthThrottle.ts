import { SharedWindows } from './SharedWindows.js';

const WINDOW_MS = 60_000;

/** The attempts of one address being checked now in this process, and who waits for one of them. */
interface Checking {
  count: number;
  readonly waiting: Array<() => void>;
}

/** An attempt let through to have its credentials checked; it must be settled, once, with how the check went. */
export interface AdmittedAttempt {
  settle(failed: boolean): void;
}

/** What the throttle says to an attempt: checked now, or refused for some seconds. */
export type Admission = { readonly admitted: AdmittedAttempt } | { readonly blockedForSeconds: number };

/**
 * Slows down guessing: an address whose credentials failed `limit` times within a minute (a clock-aligned window) is
 * refused (429) for the rest of that minute, before its credentials are even looked up. The failures are counted by
 * every process of a deployment ({@link SharedWindows}, given by the caller; per process without one). A failed
 * attempt is a wrong API key or a wrong administrator token; a request with no credentials at all costs nothing to
 * refuse and is not counted.
 *
 * Exact under parallel clients of one process: an attempt is admitted only while the failures so far plus the
 * attempts still being checked stay under the limit, so that 100 guesses sent at once cannot all pass the check before
 * the first of them fails. An attempt beyond that waits for one being checked to settle (a success frees its place),
 * rather than being refused: a busy client with a good key behind one address is slowed for a moment, never turned
 * away. Across processes, each learns the others' failures within the windows' sync interval.
 */
export class FailedAuthThrottle {
  readonly #checking = new Map<string, Checking>();
  readonly #failures: SharedWindows;

  constructor(
    private readonly limit: number,
    failures?: SharedWindows,
  ) {
    this.#failures = failures ?? new SharedWindows({ name: 'auth', windowMs: WINDOW_MS, syncMs: 0, holder: 'local' });
  }

  /** Admits an attempt from `address` once the limit allows it to be checked, or says how long it is refused. */
  async admit(address: string, now: () => number = Date.now): Promise<Admission> {
    for (;;) {
      const at = now();
      const failures = this.#failures.peek(address, at);
      if (failures.total >= this.limit) {
        this.#forgetIdle(address);
        return { blockedForSeconds: Math.max(1, Math.ceil((failures.resetAt - at) / 1000)) };
      }
      let checking = this.#checking.get(address);
      if (checking === undefined) this.#checking.set(address, (checking = { count: 0, waiting: [] }));
      if (failures.total + checking.count < this.limit) {
        checking.count++;
        return { admitted: this.#attempt(address, checking, now) };
      }
      await new Promise<void>((resolve) => checking.waiting.push(resolve));
    }
  }

  #attempt(address: string, checking: Checking, now: () => number): AdmittedAttempt {
    let settled = false;
    return {
      settle: (failed) => {
        if (settled) return;
        settled = true;
        checking.count--;
        // A failure counts in the window it is known in.
        if (failed) this.#failures.count(address, now());
        const waiting = checking.waiting.splice(0);
        if (waiting.length === 0) this.#forgetIdle(address);
        for (const wake of waiting) wake();
      },
    };
  }

  /** Only addresses being checked or waited on are remembered here; their failures live in the windows. */
  #forgetIdle(address: string): void {
    const checking = this.#checking.get(address);
    if (checking !== undefined && checking.count === 0 && checking.waiting.length === 0) this.#checking.delete(address);
  }
}
