/** The limit the deployment tests and the soak set on their keys: the documented default. */
export const RATE_LIMIT_PER_MINUTE = 600;

/** What a key got in one window of the limiter. */
export interface RateLimitResult {
  allowed: number;
  limited: number;
  other: number;
  seconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `probe` from `lanes` clients at once, as fast as answers come, through one whole window of the limiter, and
 * counts 2xx (allowed), 429 (limited) and the rest (cut off by a kill, say). The limiter's windows are aligned to the
 * clock (FLEXROLL_RATE_LIMIT_WINDOW_SECONDS), so this waits for the next window to begin, starts 150 ms into it and
 * stops sending 250 ms before it ends: every request counted falls in that one window.
 */
export async function measureRateLimit(probe: () => Promise<Response>, { lanes = 8, windowSeconds = 60 } = {}): Promise<RateLimitResult> {
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.ceil(Date.now() / windowMs) * windowMs;
  await sleep(windowStart + 150 - Date.now());
  const stopAt = windowStart + windowMs - 250;
  const result: RateLimitResult = { allowed: 0, limited: 0, other: 0, seconds: 0 };
  const started = Date.now();
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (Date.now() < stopAt) {
      try {
        const response = await probe();
        await response.arrayBuffer();
        if (response.status < 300) result.allowed++;
        else if (response.status === 429) result.limited++;
        else result.other++;
      } catch {
        result.other++;
      }
    }
  }));
  result.seconds = (Date.now() - started) / 1000;
  return result;
}
