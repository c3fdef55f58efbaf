/**
 * How long to wait before retry number `attempt` (1 for the first retry): "full jitter" — a random time up to
 * `baseMs · 2^(attempt−1)`, capped at `maxMs` — so that many clients retrying at once spread out instead of
 * colliding again.
 * @example retryDelayMs(3, 200, 5_000) // somewhere in [0, 800) ms
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * A `Retry-After` header (seconds, or an HTTP date) in milliseconds from `now`, or undefined when absent or unreadable.
 * @example retryAfterMs('3', new Date()) // 3000
 */
export function retryAfterMs(header: string | null | undefined, now: Date): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
