/**
 * A bearer token an operator issued, and when it stops being valid (unknown: valid until refused).
 * @example const token: AccessToken = { token: 'eyJ…', expiresAt: jwtExpiresAt('eyJ…') };
 */
export interface AccessToken {
  readonly token: string;
  readonly expiresAt?: Date;
}

/**
 * Where an {@link OperatorHttpClient} gets its bearer token, and how it drops one the operator refused.
 * @example const credentials: CredentialsProvider = tokens.provider('default', obtain);
 */
export interface CredentialsProvider {
  token(signal?: AbortSignal): Promise<string>;
  /** The operator refused this token (401): forget it, so the next `token()` obtains a new one. */
  invalidate(token: string): void;
}

/**
 * Keeps operators' tokens between calls, by key, obtaining a new one when none is kept or the kept one expires within
 * `refreshSkewMs`; concurrent callers share one `obtain` call. The platform keeps one per adapter, program instance
 * and config and hands it to adapters through `context.http` (declare `needs: ['http']`): an adapter does not make
 * its own. Exported for the platform and the test kit, which make them.
 *
 * @example
 * const tokens = new TokenCache();
 * const credentials = tokens.provider('default', async (signal) => obtainToken(apiKey, signal));
 */
export class TokenCache {
  readonly #tokens = new Map<string, AccessToken>();
  readonly #pending = new Map<string, Promise<AccessToken>>();

  constructor(
    private readonly refreshSkewMs = 60_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A kept token that does not expire within the skew, else a new one from `obtain`. */
  async get(key: string, obtain: (signal?: AbortSignal) => Promise<AccessToken>, signal?: AbortSignal): Promise<string> {
    const kept = this.#tokens.get(key);
    if (kept !== undefined && !this.#expiring(kept)) return kept.token;
    let pending = this.#pending.get(key);
    if (pending === undefined) {
      pending = obtain(signal).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    const fresh = await pending;
    this.#tokens.set(key, fresh);
    return fresh.token;
  }

  /**
   * Forgets the kept token if it is this one (a newer one obtained meanwhile stays), or whatever is kept when no
   * token is named (an operator that refuses tokens inside a 200, as GraphQL APIs do, does not say which one).
   */
  invalidate(key: string, token?: string): void {
    if (token === undefined || this.#tokens.get(key)?.token === token) this.#tokens.delete(key);
  }

  /** This cache as one key's {@link CredentialsProvider}. */
  provider(key: string, obtain: (signal?: AbortSignal) => Promise<AccessToken>): CredentialsProvider {
    return { token: (signal) => this.get(key, obtain, signal), invalidate: (token) => this.invalidate(key, token) };
  }

  #expiring(token: AccessToken): boolean {
    return token.expiresAt !== undefined && token.expiresAt.getTime() - this.refreshSkewMs <= this.now().getTime();
  }
}

/**
 * When a JWT expires, from its `exp` claim (read, not verified: the issuer verifies it), or undefined.
 * @example jwtExpiresAt(token) // 2025-01-01T10:00:00.000Z
 */
export function jwtExpiresAt(token: string): Date | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}
