import type { TSchema } from '@sinclair/typebox';
import { readAs } from '../validation/readAs.js';
import { retryAfterMs, retryDelayMs } from './backoff.js';
import { OperatorCallError, type OperatorCallFailure } from './OperatorCallError.js';
import type { CredentialsProvider } from './TokenCache.js';

/** How an {@link OperatorHttpClient} calls one operator. @example const options: OperatorHttpClientOptions = { service: 'kraken', baseUrl: 'https://api.octopus.energy/v1/graphql/' }; */
export interface OperatorHttpClientOptions {
  /** The operator's name in error messages, e.g. `kraken`. */
  readonly service: string;
  readonly baseUrl: string;
  /** Each attempt's limit; default 3000 ms. The platform's own limit on the adapter call still applies (`context.signal`). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt, for failures worth retrying; default 2. */
  readonly retries?: number;
  /** The first retry waits up to this (full jitter), doubling each time; default 100 ms, capped by `retryMaxMs` (default 2000). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /**
   * The longest `Retry-After` the client waits out inside the call; default 10 s. The operator's wait is honoured as
   * it is, never shortened: a longer one — or one that, with one more attempt, would outlast the call (`endsAt`) — is
   * not waited but thrown as an {@link OperatorCallError} carrying `retryAfterMs`, which the adapter outbox turns into
   * the item's next attempt.
   */
  readonly retryAfterHoldMs?: number;
  /** When the platform stops waiting for the adapter call (`Date.now()` time); the platform's clients set it. */
  readonly endsAt?: number;
  /**
   * Sent as `Idempotency-Key` on every POST and PATCH (unless a request names its own). The platform's clients carry
   * `context.idempotencyKey`: derived from the outbox item, the same on every retry of it, so an operator that
   * honours the header never creates a thing twice. Sending it does not make the client retry a POST after a
   * timeout or a 5xx within the call (the operator may ignore the header): say `idempotent: true` on requests to an
   * operator that honours it.
   */
  readonly idempotencyKey?: string;
  /** Sends `Authorization: Bearer <token>`; a 401 drops the token and retries once with a new one. */
  readonly credentials?: CredentialsProvider;
  readonly headers?: Readonly<Record<string, string>>;
  /** The signal a request stops with when it names none (the platform's clients pass `context.signal`). */
  readonly signal?: AbortSignal;
  /**
   * For tests that do not intercept the global fetch. On the platform, `context.http`'s clients send through the
   * platform's SSRF-guarded fetch whatever is named here; an address it refuses (`code` `EFORBIDDENADDRESS`) fails
   * the call at once, without retries.
   */
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
}

/** One call. @example const request: OperatorRequest<Device> = { method: 'GET', path: `/devices/${id}`, parse: readDevice, signal: context.signal }; */
export interface OperatorRequest<T> {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  /**
   * A form-encoded body (`application/x-www-form-urlencoded`), as OAuth 2.0 token requests are (RFC 6749 §4.4):
   * `form: { grant_type: 'client_credentials', scope: 'sites' }`. Not together with `json`.
   */
  readonly form?: Readonly<Record<string, string>>;
  /**
   * This request's `Idempotency-Key` (POST and PATCH), instead of the client's: for a call that makes several
   * POSTs, derive one per request from `context.idempotencyKey` (`${context.idempotencyKey}:device`); `false` sends none.
   */
  readonly idempotencyKey?: string | false;
  readonly headers?: Readonly<Record<string, string>>;
  /** Pass `context.signal`: when the platform stops waiting, the call and its retries stop. */
  readonly signal?: AbortSignal;
  /** Whether sending it twice is harmless; GET, PUT and DELETE are, POST and PATCH only when said so. */
  readonly idempotent?: boolean;
  /** Checks the parsed JSON body and gives it its type; what it throws makes the answer malformed. */
  readonly parse?: (body: unknown) => T;
  /**
   * The TypeBox schema the parsed JSON body must match (read by {@link readAs}, after `parse` when both are given),
   * which also gives the body its type; a body that does not match is malformed, the field that broke it named.
   */
  readonly schema?: TSchema & { readonly static: T };
  /** Statuses that are answers rather than failures (say 404 for "not there"); their body is parsed too. */
  readonly accept?: readonly number[];
}

/** A call's answer. @example if (response.status === 404) return undefined; */
export interface OperatorResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly attempts: number;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/**
 * An operator's HTTP API as adapters should call it: every attempt bounded by a timeout, failures worth retrying
 * (network errors, timeouts, 429, 5xx; a 5xx or timeout only for idempotent calls) retried a bounded number of
 * times with jittered back-off (honouring `Retry-After`), bearer credentials from a cache with refresh on 401,
 * redirects never followed (a 3xx is an error naming where it pointed), JSON or form bodies sent, an
 * `Idempotency-Key` on POST and PATCH when the client or request has one, and JSON bodies checked. A `Retry-After`
 * is waited out as the operator asked when the call can hold it, and otherwise thrown (`retryAfterMs`) for the
 * outbox to schedule. Errors are
 * {@link OperatorCallError}s whose messages carry no credentials and no bodies.
 *
 * @example
 * const client = new OperatorHttpClient({ service: 'flatpeak', baseUrl: String(context.config.apiBaseUrl), credentials });
 * const { body } = await client.request({ method: 'GET', path: `/vpp-participations/${id}`, signal: context.signal, parse: readParticipation });
 */
export class OperatorHttpClient {
  constructor(private readonly options: OperatorHttpClientOptions) {}

  async request<T = unknown>(asked: OperatorRequest<T>): Promise<OperatorResponse<T>> {
    const request = asked.signal === undefined && this.options.signal !== undefined ? { ...asked, signal: this.options.signal } : asked;
    const method = request.method ?? 'GET';
    if (request.json !== undefined && request.form !== undefined) throw new TypeError(`${this.options.service} ${method} ${request.path}: a request has a json or a form body, not both.`);
    const idempotencyKey = method === 'POST' || method === 'PATCH' ? (request.idempotencyKey === false ? undefined : (request.idempotencyKey ?? this.options.idempotencyKey)) : undefined;
    const idempotent = request.idempotent ?? (method === 'GET' || method === 'PUT' || method === 'DELETE');
    const retries = this.options.retries ?? 2;
    const where = `${this.options.service} ${method} ${new URL(this.url(request)).pathname}`;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(request, method, where, attempt, idempotencyKey);
      if (outcome.kind === 'answer') return outcome.answer;
      if (outcome.kind === 'unauthorized' && !refreshed) {
        refreshed = true;
        attempt--; // a refreshed token is not a retry
        continue;
      }
      const error = outcome.error;
      const retryable = outcome.kind === 'retry' && (idempotent || outcome.safe);
      if (!retryable || attempt > retries || request.signal?.aborted === true) throw error;
      // The operator's own wait is honoured as it is; one the call cannot hold goes back to the caller (the outbox).
      if (outcome.waitMs !== undefined && !this.canHold(outcome.waitMs)) throw error;
      await this.pause(outcome.waitMs ?? retryDelayMs(attempt, this.options.retryBaseMs ?? 100, this.options.retryMaxMs ?? 2_000, this.options.random), request.signal);
    }
  }

  private async attempt<T>(request: OperatorRequest<T>, method: string, where: string, attempt: number, idempotencyKey: string | undefined): Promise<Outcome<T>> {
    const fail = (reason: OperatorCallFailure, message: string, status?: number, cause?: unknown, retryAfter?: number) =>
      new OperatorCallError(this.options.service, reason, message, attempt, status, cause, retryAfter);
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 3_000);
    const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);
    let token: string | undefined;
    try {
      token = await this.options.credentials?.token(request.signal);
    } catch (error) {
      // A caller that stopped waiting for a shared token fetch is abandoned like a caller that stopped waiting for an answer.
      if (request.signal?.aborted === true && !OperatorCallError.is(error)) return { kind: 'fail', error: fail('timeout', `${where} was abandoned: the platform stopped waiting (attempt ${attempt}).`) };
      throw error;
    }
    let response: Response;
    let text: string;
    try {
      response = await (this.options.fetch ?? fetch)(this.url(request), {
        method,
        redirect: 'manual',
        signal,
        headers: {
          accept: 'application/json',
          ...(request.json === undefined ? {} : { 'content-type': 'application/json' }),
          ...(request.form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
          ...this.options.headers,
          ...request.headers,
        },
        ...(request.json === undefined ? {} : { body: JSON.stringify(request.json) }),
        ...(request.form === undefined ? {} : { body: new URLSearchParams(request.form).toString() }),
      });
      text = await response.text();
    } catch (error) {
      if (request.signal?.aborted === true) return { kind: 'fail', error: fail('timeout', `${where} was abandoned: the platform stopped waiting (attempt ${attempt}).`) };
      if (timeout.aborted) return { kind: 'retry', safe: false, error: fail('timeout', `${where} did not answer within ${this.options.timeoutMs ?? 3_000} ms (attempt ${attempt}).`) };
      // The platform's SSRF guard refused the address: asking again would be refused again.
      if (refusedAddress(error)) return { kind: 'fail', error: fail('network', `${where} was refused (attempt ${attempt}): ${(error as Error).message}`, undefined, error) };
      return { kind: 'retry', safe: false, error: fail('network', `${where} could not be reached (attempt ${attempt}): ${(error as Error).message}`, undefined, error) };
    }
    const { status } = response;
    if (status >= 300 && status < 400) {
      return { kind: 'fail', error: fail('redirect', `${where} answered ${status} redirecting to ${response.headers.get('location') ?? 'nowhere'}; redirects are not followed.`, status) };
    }
    if (status === 401 && token !== undefined) {
      this.options.credentials?.invalidate(token);
      return { kind: 'unauthorized', error: fail('status', `${where} answered 401 with a fresh token too (attempt ${attempt}).`, status) };
    }
    if ((status < 200 || status >= 300) && !(request.accept ?? []).includes(status)) {
      const waitMs = retryAfterMs(response.headers.get('retry-after'), new Date());
      const asked = waitMs === undefined ? '' : ` asking to wait ${waitMs} ms`;
      const error = fail('status', `${where} answered ${status}${asked} (attempt ${attempt}).`, status, undefined, waitMs);
      if (!RETRYABLE.has(status)) return { kind: 'fail', error };
      return { kind: 'retry', safe: status === 429, error, waitMs };
    }
    try {
      const parsed: unknown = text === '' ? undefined : JSON.parse(text);
      const body = this.read(request, parsed);
      return { kind: 'answer', answer: { status, headers: response.headers, body, attempts: attempt } };
    } catch (error) {
      return { kind: 'fail', error: fail('malformed', `${where} answered ${status} with a body that is not what was expected: ${(error as Error).message}`, status, error) };
    }
  }

  /** The parsed body through the request's `parse`, then its `schema`; with neither, as it came (typed as asked). */
  private read<T>(request: OperatorRequest<T>, parsed: unknown): T {
    const body = request.parse === undefined ? parsed : request.parse(parsed);
    return request.schema === undefined ? (body as T) : readAs(request.schema, body, 'the body');
  }

  /** The base URL with the path appended (an empty path is the base URL itself, trailing slash and all). */
  private url(request: OperatorRequest<unknown>): string {
    const base = this.options.baseUrl.endsWith('/') && request.path !== '' ? this.options.baseUrl.slice(0, -1) : this.options.baseUrl;
    const path = request.path === '' || request.path.startsWith('/') ? request.path : `/${request.path}`;
    const query = request.query === undefined ? '' : `?${new URLSearchParams(request.query).toString()}`;
    return `${base}${path}${query}`;
  }

  /** Whether the call can wait this long and still make one more attempt before the platform stops waiting. */
  private canHold(waitMs: number): boolean {
    if (waitMs > (this.options.retryAfterHoldMs ?? 10_000)) return false;
    return this.options.endsAt === undefined || Date.now() + waitMs + (this.options.timeoutMs ?? 3_000) <= this.options.endsAt;
  }

  private pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

/** True for the platform's refusal of a forbidden address (its `code`), thrown by the fetch or wrapped as its cause. */
function refusedAddress(error: unknown): boolean {
  const code = (value: unknown) => (typeof value === 'object' && value !== null ? (value as { code?: unknown }).code : undefined);
  return code(error) === 'EFORBIDDENADDRESS' || code((error as { cause?: unknown } | null)?.cause) === 'EFORBIDDENADDRESS';
}

type Outcome<T> =
  | { readonly kind: 'answer'; readonly answer: OperatorResponse<T> }
  | { readonly kind: 'fail'; readonly error: OperatorCallError }
  | { readonly kind: 'unauthorized'; readonly error: OperatorCallError }
  | { readonly kind: 'retry'; readonly safe: boolean; readonly error: OperatorCallError; readonly waitMs?: number | undefined };
