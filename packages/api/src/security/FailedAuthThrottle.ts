/** How many addresses the throttle remembers at most; the oldest windows are dropped first beyond it. */
const CAPACITY = 100_000;
const WINDOW_MS = 60_000;

/**
 * Slows down guessing: an address whose credentials failed `limit` times within a minute is refused (429) for the
 * rest of that minute, before its credentials are even looked up. Counted per process, like the rate limit. A failed
 * attempt is a wrong API key or a wrong administrator token; a request with no credentials at all costs nothing to
 * refuse and is not counted.
 */
export class FailedAuthThrottle {
  readonly #windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(private readonly limit: number) {}

  /** Seconds until the address may try again, or 0 when it may try now. */
  blockedFor(address: string, now = Date.now()): number {
    const window = this.#windows.get(address);
    if (window === undefined || now - window.startedAt >= WINDOW_MS) return 0;
    return window.failures >= this.limit ? Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000)) : 0;
  }

  recordFailure(address: string, now = Date.now()): void {
    const window = this.#windows.get(address);
    if (window === undefined || now - window.startedAt >= WINDOW_MS) {
      this.#windows.delete(address);
      this.#windows.set(address, { startedAt: now, failures: 1 });
      if (this.#windows.size > CAPACITY) this.#windows.delete(this.#windows.keys().next().value as string);
      return;
    }
    window.failures++;
  }
}
