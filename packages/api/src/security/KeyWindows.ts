/** One key's count in its current window. */
export interface KeyWindow {
  hits: number;
  /** When the window ends, in epoch milliseconds. */
  resetAt: number;
}

/**
 * Fixed windows per key, each starting at its key's first request, as express-rate-limit's MemoryStore keeps them.
 * Keys live in two maps: every `windowMs` the older map is dropped and the current one becomes the older, so a key
 * idle for two windows is forgotten without scanning them all.
 */
export class KeyWindows {
  #current = new Map<string, KeyWindow>();
  #previous = new Map<string, KeyWindow>();

  constructor(private readonly windowMs: number) {
    setInterval(() => {
      this.#previous = this.#current;
      this.#current = new Map();
    }, windowMs).unref();
  }

  /** Counts a request of `key` at `now` and returns its window. */
  hit(key: string, now: number): KeyWindow {
    let window = this.#current.get(key);
    if (window === undefined) {
      window = this.#previous.get(key) ?? { hits: 0, resetAt: now };
      this.#previous.delete(key);
      this.#current.set(key, window);
    }
    if (window.resetAt <= now) {
      window.hits = 0;
      window.resetAt = now + this.windowMs;
    }
    window.hits++;
    return window;
  }
}
