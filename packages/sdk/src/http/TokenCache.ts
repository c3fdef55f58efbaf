import { refreshMarginMs } from './refreshMargin.js';

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

/** How a {@link TokenCache} tells time and how early it refreshes. @example const options: TokenCacheOptions = { now: () => clock.now() }; */
export interface TokenCacheOptions {
  /** The platform's clock (the kit's in tests), so a token's age is measured on the same time as everything else. */
  readonly now?: () => Date;
  /** The most a token is refreshed before it expires (default 60 s); see {@link refreshMarginMs}. */
  readonly maxMarginMs?: number;
}

/** A kept token and when, on the cache's clock, it is due for a refresh. */
interface Kept {
  readonly token: string;
  readonly refreshAt?: number;
}

/** One fetch of a key's token, shared by every caller waiting for it; abandoned only when all of them stopped waiting. */
interface Fetch {
  readonly done: Promise<Kept>;
  readonly controller: AbortController;
  waiting: number;
}

/**
 * Keeps operators' tokens between calls, by key. A token is used until it is within its refresh margin of
 * `expiresAt` — the smaller of 60 s and a tenth of its lifetime ({@link refreshMarginMs}), measured on the cache's
 * clock from when it was received — and then a new one is obtained. Concurrent callers share one `obtain` call,
 * whose signal aborts only when every caller waiting for it has stopped waiting (one caller's timeout does not fail
 * the others). The platform keeps one per adapter, program instance and config, on its own clock, and hands it to
 * adapters through `context.http` (declare `needs: ['http']`): an adapter does not make its own. Exported for the
 * platform and the test kit, which make them.
 *
 * @example
 * const tokens = new TokenCache({ now: () => clock.now() });
 * const credentials = tokens.provider('default', async (signal) => obtainToken(apiKey, signal));
 */
export class TokenCache {
  readonly #tokens = new Map<string, Kept>();
  readonly #fetches = new Map<string, Fetch>();
  readonly #now: () => Date;
  readonly #maxMarginMs: number | undefined;

  constructor(options: TokenCacheOptions = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#maxMarginMs = options.maxMarginMs;
  }

  /** A kept token not yet due for a refresh, else a new one from `obtain` (shared with whoever is already waiting for one). */
  async get(key: string, obtain: (signal?: AbortSignal) => Promise<AccessToken>, signal?: AbortSignal): Promise<string> {
    const kept = this.#tokens.get(key);
    if (kept !== undefined && (kept.refreshAt === undefined || this.#now().getTime() < kept.refreshAt)) return kept.token;
    const fetch = this.#fetches.get(key) ?? this.#start(key, obtain);
    return (await wait(fetch, signal)).token;
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

  #start(key: string, obtain: (signal?: AbortSignal) => Promise<AccessToken>): Fetch {
    const controller = new AbortController();
    const done = new Promise<AccessToken>((resolve) => resolve(obtain(controller.signal)))
      .then((issued) => {
        const kept = this.#keep(issued);
        this.#tokens.set(key, kept);
        return kept;
      })
      .finally(() => {
        if (this.#fetches.get(key) === fetch) this.#fetches.delete(key);
      });
    // A fetch every caller left still settles; its failure is theirs to see, not an unhandled rejection.
    done.catch(() => undefined);
    const fetch: Fetch = { done, controller, waiting: 0 };
    this.#fetches.set(key, fetch);
    return fetch;
  }

  #keep(issued: AccessToken): Kept {
    if (issued.expiresAt === undefined) return { token: issued.token };
    const expiresAt = issued.expiresAt.getTime();
    return { token: issued.token, refreshAt: expiresAt - refreshMarginMs(expiresAt - this.#now().getTime(), this.#maxMarginMs) };
  }
}

/** Waits for a shared fetch until it ends or this caller's signal aborts; the last caller to leave aborts the fetch. */
async function wait(fetch: Fetch, signal: AbortSignal | undefined): Promise<Kept> {
  if (signal?.aborted === true) throw signal.reason;
  fetch.waiting++;
  let gone = false;
  let leave: (() => void) | undefined;
  const left = new Promise<never>((_, reject) => {
    leave = () => {
      gone = true;
      if (--fetch.waiting === 0) fetch.controller.abort(signal?.reason);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', leave, { once: true });
  });
  left.catch(() => undefined);
  try {
    return await Promise.race([fetch.done, left]);
  } finally {
    if (!gone) fetch.waiting--;
    if (leave !== undefined) signal?.removeEventListener('abort', leave);
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
