import { OperatorHttpClient, type OperatorHttpClientOptions } from './OperatorHttpClient.js';
import type { AccessToken, TokenCache } from './TokenCache.js';

/**
 * How an adapter asks for a client of its operator's API: {@link OperatorHttpClientOptions} without `service` (the
 * adapter's id unless named) and `credentials`, which the platform provides from `login`.
 * @example const options: AdapterHttpOptions = { baseUrl: context.config.apiBaseUrl, login: (client, signal) => obtainToken(client, signal) };
 */
export interface AdapterHttpOptions extends Omit<OperatorHttpClientOptions, 'service' | 'credentials' | 'endsAt' | 'idempotencyKey'> {
  /** The operator's name in error messages; the adapter's id by default. */
  readonly service?: string;
  /**
   * How to obtain a bearer token, given a client of the same API without credentials. The platform keeps the token
   * for this adapter, program instance and config, shares it between calls (concurrent ones share one login), and
   * obtains a new one before it expires or when the operator answers 401.
   */
  readonly login?: (client: OperatorHttpClient, signal?: AbortSignal) => Promise<AccessToken>;
  /** Which of the instance's tokens this is, when an adapter logs in to more than one API; `default` otherwise. */
  readonly tokenName?: string;
}

/**
 * The HTTP service the platform hands an adapter that declares `needs: ['http']`: clients of the operator's API
 * whose requests stop when the platform stops waiting (`context.signal` is their default signal) and whose bearer
 * token lives in a cache the platform owns — one per adapter, program instance and config, so a new config (new
 * credentials, a new endpoint) starts without a token and another instance never sees this one's.
 *
 * @example
 * const client = context.http.client({ baseUrl: context.config.apiBaseUrl, login: (plain, signal) => login(plain, context.config, signal) });
 * const { body } = await client.request({ path: `/devices/${id}`, parse: readDevice });
 */
export interface AdapterHttp {
  client(options: AdapterHttpOptions): OperatorHttpClient;
  /**
   * Forgets the kept token (the one named, or whatever is kept): for an operator that refuses a token inside a 200,
   * as GraphQL APIs do. A 401 needs no call: the client forgets the token itself.
   */
  forgetToken(token?: string, tokenName?: string): void;
}

/**
 * What the platform knows of one adapter call that its HTTP clients follow.
 * @example const call: AdapterHttpCall = { transport: platformFetch, endsAt: Date.now() + 5_000, idempotencyKey: 'obx_3f9a…' };
 */
export interface AdapterHttpCall {
  /**
   * The fetch every client sends through whatever `fetch` the adapter asks for: the platform passes its SSRF-guarded
   * one, so no adapter option reaches an address the guard refuses. The test kit passes none, so nock (which
   * intercepts the global fetch) keeps working in adapters' own specs.
   */
  readonly transport?: typeof fetch;
  /** When the platform stops waiting for the call (`Date.now()` time): a `Retry-After` that outlasts it is thrown, not waited. */
  readonly endsAt?: number;
  /** The call's `context.idempotencyKey` (an outbox item's), sent on its clients' POSTs and PATCHes. */
  readonly idempotencyKey?: string;
}

/**
 * The platform's side of {@link AdapterHttp}: made for each adapter call from the instance's token cache, the
 * call's signal and what else the platform knows of the call ({@link AdapterHttpCall}). Adapters do not call it (the
 * platform and the test kit do); it lives here beside the client it configures.
 * @example const http = adapterHttp('kraken', tokensOfThisInstance, controller.signal, { transport: platformFetch, endsAt, idempotencyKey });
 */
export function adapterHttp(service: string, tokens: TokenCache, signal: AbortSignal, call: AdapterHttpCall = {}): AdapterHttp {
  const { transport, endsAt, idempotencyKey } = call;
  return {
    client(options) {
      const { login, tokenName = 'default', ...rest } = options;
      const base = { service, signal, ...rest, ...(transport === undefined ? {} : { fetch: transport }), ...(endsAt === undefined ? {} : { endsAt }) };
      const keyed = idempotencyKey === undefined ? base : { ...base, idempotencyKey };
      if (login === undefined) return new OperatorHttpClient(keyed);
      // The login client carries no idempotency key: a token request is not the item's side effect, and an operator
      // that honours keys would otherwise answer the item's POST with the token it kept for the key.
      const plain = new OperatorHttpClient(base);
      return new OperatorHttpClient({ ...keyed, credentials: tokens.provider(tokenName, (loginSignal) => login(plain, loginSignal)) });
    },
    forgetToken: (token, tokenName = 'default') => tokens.invalidate(tokenName, token),
  };
}
