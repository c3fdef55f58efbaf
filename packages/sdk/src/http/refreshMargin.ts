/** The longest a token is refreshed before it expires: a minute, for tokens that live ten minutes or more. @example refreshMarginMs(lifetimeMs, MAX_REFRESH_MARGIN_MS) */
export const MAX_REFRESH_MARGIN_MS = 60_000;

/** The share of a token's lifetime it is refreshed early by, when that is less than {@link MAX_REFRESH_MARGIN_MS}. */
export const REFRESH_MARGIN_SHARE = 0.1;

/**
 * How long before a token expires {@link TokenCache} obtains a new one: the smaller of `maxMarginMs` (60 s) and a
 * tenth of the token's lifetime (from when it was received to its `expiresAt`). A fixed minute would make every
 * call fetch a new 60 s token; a tenth keeps a 60 s token for 54 s and a one-hour token for 59 minutes, so a call
 * that starts just before the refresh still ends with a valid token. A lifetime of zero or less has no margin.
 * @example refreshMarginMs(60_000) // 6000 — refreshMarginMs(3_600_000) // 60000
 */
export function refreshMarginMs(lifetimeMs: number, maxMarginMs = MAX_REFRESH_MARGIN_MS): number {
  return Math.max(0, Math.min(maxMarginMs, Math.floor(lifetimeMs * REFRESH_MARGIN_SHARE)));
}
