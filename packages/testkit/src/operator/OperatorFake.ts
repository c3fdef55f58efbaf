import nock from 'nock';
import { fakeRequestOf, type FakeRequest } from './FakeRequest.js';
import { FakeTokenIssuer, type FakeTokenOptions } from './FakeTokenIssuer.js';

/** What the fake answers one request with: a status, a JSON body (or none) and headers. */
export interface FakeAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A standing answer, or one worked out from the request (to echo it, or to number what it creates). */
export type FakeReply = FakeAnswer | ((request: FakeRequest) => FakeAnswer);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface Route {
  readonly method: Method;
  readonly path: string | RegExp;
  /** Answers given once each, in order, before the standing one. */
  readonly once: FakeReply[];
  standing?: FakeReply;
}

/**
 * An operator's API as a test sees it, on nock (which intercepts the global fetch the kit's `http` clients use), so
 * an adapter's specs and the conformance scenarios never call a real host: answers by method and path (relative to
 * the base URL), answers given once before the standing one (`answerOnce`, `rateLimit`), an OAuth 2.0 client
 * credentials token endpoint whose tokens expire on the kit's clock (`issuesTokens`), and every request kept as it
 * arrived (`requests`, with its `Idempotency-Key` and form or JSON body). A request it has no answer for is answered
 * 501 and named by `done()`. Give it the kit's clock (`harness.clock`), so tokens expire when the specs say.
 *
 * @example
 * const operator = new OperatorFake('https://api.acme.test', { clock: kit.harness.clock })
 *   .issuesTokens({ clientId: 'flexroll', clientSecret: 'secret-0001', lifetimeSeconds: 60 })
 *   .rateLimit('POST', '/sites', 30)
 *   .answer('POST', '/sites', { status: 201, body: { id: 'site_1' } });
 * await kit.harness.outbox.drain();
 * operator.done();
 */
export class OperatorFake {
  readonly requests: FakeRequest[] = [];
  readonly #routes: Route[] = [];
  readonly #unanswered: string[] = [];
  readonly #interceptors: nock.Interceptor[] = [];
  readonly #origin: string;
  readonly #basePath: string;
  readonly #clock: { now(): Date };
  #tokens: FakeTokenIssuer | undefined;

  constructor(readonly baseUrl: string, options: { readonly clock?: { now(): Date } } = {}) {
    const url = new URL(baseUrl);
    this.#origin = url.origin;
    this.#basePath = url.pathname.replace(/\/$/, '');
    this.#clock = options.clock ?? { now: () => new Date() };
    const { origin, pathname: basePath } = { origin: this.#origin, pathname: this.#basePath };
    const clock = this.#clock;
    const reply = (request: FakeRequest) => this.#reply(request);
    for (const method of METHODS) {
      const interceptor = nock(origin).persist().intercept((uri) => new URL(uri, origin).pathname.startsWith(basePath), method);
      interceptor.reply(function (uri, body) {
        return reply(fakeRequestOf(method, new URL(uri, origin), basePath, this.req.headers, body, clock.now()));
      });
      this.#interceptors.push(interceptor);
    }
  }

  /** The token endpoint of OAuth 2.0 client credentials (RFC 6749 §4.4); every other route then wants a live bearer (401 otherwise). */
  issuesTokens(options: FakeTokenOptions): this {
    this.#tokens = new FakeTokenIssuer(options, this.#clock);
    return this;
  }

  /** How many tokens the token endpoint issued. */
  get tokensIssued(): number {
    return this.#tokens?.issued ?? 0;
  }

  /** The answer to every request to this method and path, after any given once. */
  answer(method: Method, path: string | RegExp, reply: FakeReply): this {
    this.#route(method, path).standing = reply;
    return this;
  }

  /** An answer given once, before the standing one (several are given in the order they were added). */
  answerOnce(method: Method, path: string | RegExp, reply: FakeReply, times = 1): this {
    for (let time = 0; time < times; time++) this.#route(method, path).once.push(reply);
    return this;
  }

  /** `429 Too Many Requests` with `Retry-After: <seconds>`, `times` times before the other answers. */
  rateLimit(method: Method, path: string | RegExp, retryAfterSeconds: number, times = 1): this {
    return this.answerOnce(method, path, { status: 429, body: { error: 'rate_limited' }, headers: { 'retry-after': String(retryAfterSeconds) } }, times);
  }

  /** The requests to one method and path, in the order they arrived. */
  requestsTo(method: Method, path: string | RegExp): FakeRequest[] {
    return this.requests.filter((request) => request.method === method && matches(path, request.path));
  }

  /** Throws naming any request the fake had no answer for, and any answer given once that was never asked for. */
  done(): void {
    const unused = this.#routes.filter((route) => route.once.length > 0).map((route) => `${route.once.length} × ${route.method} ${String(route.path)}`);
    const problems = [
      ...(this.#unanswered.length > 0 ? [`requests it had no answer for: ${this.#unanswered.join(', ')}`] : []),
      ...(unused.length > 0 ? [`answers never asked for: ${unused.join(', ')}`] : []),
    ];
    if (problems.length > 0) throw new Error(`The operator fake at ${this.baseUrl} saw ${problems.join('; ')}.`);
  }

  /** Removes the fake's interceptors (each spec makes its own fake). */
  stop(): void {
    for (const interceptor of this.#interceptors) nock.removeInterceptor(interceptor);
  }

  #route(method: Method, path: string | RegExp): Route {
    const found = this.#routes.find((route) => route.method === method && String(route.path) === String(path));
    if (found !== undefined) return found;
    const route: Route = { method, path, once: [] };
    this.#routes.push(route);
    return route;
  }

  #reply(request: FakeRequest): nock.ReplyFnResult {
    this.requests.push(request);
    const answer = this.#answer(request);
    return [answer.status, answer.body === undefined ? '' : JSON.stringify(answer.body), { 'content-type': 'application/json', ...answer.headers }];
  }

  #answer(request: FakeRequest): FakeAnswer {
    const tokens = this.#tokens;
    if (tokens !== undefined && request.method === 'POST' && request.path === tokens.path) return tokens.issue(request);
    if (tokens !== undefined && !tokens.accepts(request.headers.authorization)) return { status: 401, body: { error: 'invalid_token' } };
    const route = this.#routes.find((candidate) => candidate.method === request.method && matches(candidate.path, request.path));
    const reply = route?.once.shift() ?? route?.standing;
    if (reply === undefined) {
      this.#unanswered.push(`${request.method} ${request.path}`);
      return { status: 501, body: { error: `The operator fake has no answer for ${request.method} ${request.path}.` } };
    }
    return typeof reply === 'function' ? reply(request) : reply;
  }
}

function matches(path: string | RegExp, actual: string): boolean {
  return typeof path === 'string' ? path === actual : path.test(actual);
}
