/**
 * How long a piece of retried work waits after its n-th failure in a row. Two shapes cover every kind of work:
 * - `listed`: the n-th wait of a fixed list, give or take a random share (`jitter` 0.2: ±20 %); past the end of the
 *   list there is no next attempt (webhooks, after Svix);
 * - `doubling`: `baseMs · 2^(n−1)`, capped at `maxMs`, of which a `randomShare` is drawn at random (0.5: between
 *   half and all of it), less `earlyMs` (a poll lands a little before its window rather than one window late).
 */
export type Backoff =
  | { readonly kind: 'listed'; readonly waitsMs: readonly number[]; readonly jitter: number }
  | { readonly kind: 'doubling'; readonly baseMs: number; readonly maxMs: number; readonly randomShare: number; readonly earlyMs: number };

/** The wait after the `failures`-th failure in a row (1, 2, …), or undefined when the schedule has run out. */
export function waitAfter(backoff: Backoff, failures: number, random: () => number = Math.random): number | undefined {
  if (backoff.kind === 'listed') {
    if (failures > backoff.waitsMs.length) return undefined;
    const wait = backoff.waitsMs[Math.max(1, failures) - 1]!;
    return Math.max(0, Math.round(wait + wait * backoff.jitter * (2 * random() - 1)));
  }
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, failures - 1));
  const drawn = backoff.randomShare === 0 ? 0 : Math.floor(random() * ceiling * backoff.randomShare);
  return ceiling * (1 - backoff.randomShare) + drawn - backoff.earlyMs;
}

/** The longest wait a schedule can give (a receiver's `Retry-After` is capped at it). */
export function longestWait(backoff: Backoff): number {
  return backoff.kind === 'listed' ? Math.max(...backoff.waitsMs) : backoff.maxMs;
}

/** The sum of a schedule's waits, without jitter: the window a round of attempts may span (endless for `doubling`). */
export function totalWait(backoff: Backoff): number {
  return backoff.kind === 'listed' ? backoff.waitsMs.reduce((sum, wait) => sum + wait, 0) : Number.POSITIVE_INFINITY;
}
