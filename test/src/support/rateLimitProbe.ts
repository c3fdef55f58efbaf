/** The limit the deployment tests and the soak set on their keys: the documented default. */
export const RATE_LIMIT_PER_MINUTE = 600;

/** What a key got in one window of the limiter. */
export interface RateLimitResult {
  allowed: number;
  limited: number;
  other: number;
  seconds: number;
}

/**
 * Sends `probe` from `lanes` clients at once, as fast as answers come, for `windowMs` from the first request, and
 * counts 2xx (allowed), 429 (limited) and the rest. The key must be fresh: the limiter's minute starts at its first
 * request, so everything sent within the next 59 s falls in that one minute.
 */
export async function measureRateLimit(probe: () => Promise<Response>, { lanes = 8, windowMs = 59_000 } = {}): Promise<RateLimitResult> {
  const result: RateLimitResult = { allowed: 0, limited: 0, other: 0, seconds: 0 };
  const started = Date.now();
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (Date.now() - started < windowMs) {
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
