import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import swaggerUi from 'swagger-ui-express';
import { errorInVocabulary } from '@flexroll/sdk';
import { type CallContext, type IdempotencyService, type RateCountRepository, runWithTrace, startTrace, type UploadFormat } from '@flexroll/core';
import { authenticate, authorize, publicPrincipal, type Principal } from './auth/authenticate.js';
import { ApiError } from './http/ApiError.js';
import { idempotencyKeyOf, requestFingerprint } from './http/idempotencyKey.js';
import { readBody } from './http/readBody.js';
import { ifMatchOf } from './http/ifMatchOf.js';
import { uploadBody } from './http/uploadBody.js';
import { RouteTable } from './http/RouteTable.js';
import { sendJson } from './http/sendJson.js';
import { requestIdOf, vocabularyOf } from './http/requestContext.js';
import { compileValidator, type Validator } from './http/validation.js';
import type { Logger } from './logging/createLogger.js';
import { describeError } from './logging/describeError.js';
import { logEntry } from './logging/logEntry.js';
import { buildOpenApiDocument } from './openapi/buildOpenApiDocument.js';
import { buildAsyncApiDocument } from './asyncapi/buildAsyncApiDocument.js';
import { ALL_ROUTES } from './routes/allRoutes.js';
import type { ApiServices } from './routes/ApiServices.js';
import type { RouteClient, RouteDefinition, RouteResult } from './routes/RouteDefinition.js';
import { mountOperatorWebhooks } from './operatorWebhooks/mountOperatorWebhooks.js';
import { errorHandler } from './http/errorHandler.js';
import { FailedAuthThrottle } from './security/FailedAuthThrottle.js';
import { SignInThrottle } from './security/SignInThrottle.js';
import { perKeyRateLimit } from './security/perKeyRateLimit.js';
import { SharedWindows } from './security/SharedWindows.js';
import { securityHeaders } from './security/securityHeaders.js';
import { serveConsole } from './console/serveConsole.js';
import { WorkspaceConcurrency } from './security/WorkspaceConcurrency.js';
import { workspaceGate } from './security/workspaceGate.js';
import { isListRead } from './security/isListRead.js';
import type { PromMetrics } from './metrics/PromMetrics.js';
import { type CustomerPageOptions, mountCustomerPages } from './customerPages/mountCustomerPages.js';
import { DEFAULT_PAGE_LIMITS } from './customerPages/PageGuards.js';

/** Requests of one workspace that run at once in a process, and how long one more waits for a place (ADR 0020). */
export const DEFAULT_WORKSPACE_CONCURRENCY = { concurrentRequests: 8, concurrentListReads: 2, queueWaitMs: 2_000 } as const;

/** How often a key being counted is reported to the store's shared counts by default (docs/performance.md (v)). */
export const DEFAULT_RATE_COUNT_SYNC_MS = 100;

/** This process's name in the shared counts' rows: host, pid and a random part, so a restarted pid is another. */
const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

export interface AppOptions {
  /** The services the routes are built on, from the composition root. */
  readonly services: ApiServices;
  readonly logger: Logger;
  /** The platform administrator's token, for program writes; without it those routes answer 403. */
  readonly adminToken?: string;
  /** Requests per key per rate-limit window (a minute unless `rateLimitWindowMs` says otherwise). */
  readonly rateLimitPerMinute?: number;
  /** The rate limit's window; a minute by default. */
  readonly rateLimitWindowMs?: number;
  /**
   * The store's shared counts: with them the rate limit and the failed-authentication throttle are counted by every
   * process on the store; without them, by this process alone.
   */
  readonly rateCounts?: RateCountRepository;
  /** How often a key being counted is reported to the shared counts (and the others' counts learnt). */
  readonly rateCountSyncMs?: number;
  /** Failed authentications per client address per minute before that address is refused for the rest of it. */
  readonly failedAuthPerMinute?: number;
  /** Failed sign-ins per e-mail per minute (from any address) before that e-mail is refused for the rest of it. */
  readonly failedSignInsPerEmailPerMinute?: number;
  /**
   * express's 'trust proxy' value (FLEXROLL_TRUST_PROXY): which proxies' `X-Forwarded-For`/`-Proto` to believe. It
   * decides the client address the throttles count by and whether a request came over TLS (the session cookie's
   * `Secure`). Default false: the socket's own address and protocol.
   */
  readonly trustProxy?: boolean | number | string;
  /** Where browsers reach the platform (FLEXROLL_PUBLIC_URL), for the links it hands out; else each request's own origin. */
  readonly publicUrl?: string;
  /** The largest accepted body, e.g. '100kb'. */
  readonly bodyLimit?: string;
  /** Requests of one workspace that may run at once in this process; more wait for a place, then get a 429. */
  readonly workspaceConcurrentRequests?: number;
  /**
   * Of those, the list reads (GETs that page: `page`/`perPage` or `limit`) that may run at once: a page costs the store
   * many lookups, so a workspace's lists are held to fewer places than its single reads and writes (issue 18).
   */
  readonly workspaceConcurrentListReads?: number;
  /** How long a request waits for a place among its workspace's before that 429. */
  readonly workspaceQueueWaitMs?: number;
  /** The process's Prometheus metrics: each request's route, status and latency are observed into them. */
  readonly metrics?: PromMetrics;
  /** Readiness: resolves when the store answers. */
  readonly ready?: () => Promise<void>;
  /**
   * True once the process is shutting down (SIGTERM): `/readyz` answers 503 so that a load balancer stops sending to
   * it, and every answer carries `Connection: close` so that no kept-alive connection outlives it.
   */
  readonly shuttingDown?: () => boolean;
  /** The customer's enrollment and status pages (issue 22): their limits and public address. */
  readonly customerPages?: CustomerPageOptions;
  /** The built console's folder (packages/console/dist), served at /console; without it, /console is not served. */
  readonly consoleDirectory?: string;
}

interface Locals {
  requestId: string;
  startedAt: bigint;
  principal?: Principal;
  route?: string;
}

/** The express application: every route of {@link ALL_ROUTES}, its docs, health, and one error shape for everything. */
export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Responses are not cached (they carry personal data and change with every write), so a per-response ETag,
  // a hash of every body, would only cost time.
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(securityHeaders());
  if (options.shuttingDown !== undefined) app.use(closeWhenShuttingDown(options.shuttingDown));
  app.use(tagRequest(options.logger, options.metrics));
  // The API's routes are found in one table; what it does not answer goes on to express's own walk below.
  const table = new RouteTable();
  app.use(table.dispatcher());

  const document = buildOpenApiDocument();
  app.get('/openapi.json', (_request, response) => void response.json(document));
  const webhooks = buildAsyncApiDocument();
  app.get('/asyncapi.json', (_request, response) => void response.json(webhooks));
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Flexroll API reference' }));
  if (options.consoleDirectory !== undefined) serveConsole(app, options.consoleDirectory);
  app.get('/healthz', (_request, response) => void response.json({ status: 'ok' }));
  app.get('/readyz', async (_request, response) => {
    if (options.shuttingDown?.() === true) {
      throw new ApiError(503, 'shutting_down', 'This process is shutting down; send to another.', [], { 'Retry-After': '1' });
    }
    try {
      await options.ready?.();
    } catch (error) {
      options.logger.warn('not ready', { error: describeError(error) });
      throw new ApiError(503, 'not_ready', 'The store is not answering yet; retry shortly.', [], { 'Retry-After': '5' });
    }
    response.json({ status: 'ready' });
  });

  const rateLimit = options.rateLimitPerMinute ?? 600;
  const limiter = perKeyRateLimit(rateLimit, sharedWindows(options, 'rate', rateLimitWindowMs(options), rateLimit), rateLimitWindowMs(options));
  const failedAuthLimit = options.failedAuthPerMinute ?? 60;
  const throttle = new FailedAuthThrottle(failedAuthLimit, sharedWindows(options, 'auth', 60_000, failedAuthLimit));
  const failedSignInLimit = options.failedSignInsPerEmailPerMinute ?? 10;
  const signInThrottle = new SignInThrottle(throttle, new FailedAuthThrottle(failedSignInLimit, sharedWindows(options, 'sign-in', 60_000, failedSignInLimit)));
  // After the rate limit and the body (neither touches the store), so a place is held only while the route runs.
  const gate = workspaceGate(
    new WorkspaceConcurrency(
      options.workspaceConcurrentRequests ?? DEFAULT_WORKSPACE_CONCURRENCY.concurrentRequests,
      options.workspaceQueueWaitMs ?? DEFAULT_WORKSPACE_CONCURRENCY.queueWaitMs,
    ),
  );
  // Bodies are read after authentication and the rate limit, on a known route (so its log line names it), and only on
  // routes that take one. Only JSON is parsed, and only UTF-8: any other media type reaches the route unread and gets
  // a 415, not a JSON parse error; a route that takes no body refuses any body it is sent, unread.
  const parseJson = express.json({ limit: options.bodyLimit ?? '100kb', type: 'application/json', verify: refuseInvalidUtf8 });
  // Operators' own webhooks: no API key (the adapter verifies the signature) and a raw body, so mounted on their own.
  mountOperatorWebhooks(app, options);
  // Upload routes (bulk import) read their body as a stream in the handler, under their own limits (CoreSettings).
  // A list read waits for one of its workspace's list places before it takes one of its places at all, so lists that
  // queue hold nothing that the workspace's single reads and writes need.
  const listGate = workspaceGate(
    new WorkspaceConcurrency(
      options.workspaceConcurrentListReads ?? DEFAULT_WORKSPACE_CONCURRENCY.concurrentListReads,
      options.workspaceQueueWaitMs ?? DEFAULT_WORKSPACE_CONCURRENCY.queueWaitMs,
    ),
  );
  for (const route of ALL_ROUTES) {
    const gates = isListRead(route) ? [listGate, gate] : [gate];
    mountRoute(app, table, route, options, { throttle, signInThrottle }, route.body === undefined ? [limiter, ...gates] : [limiter, parseJson, ...gates]);
  }

  // The customer pages' flood limits are counted by every process, as the API's are.
  mountCustomerPages(app, options.services, options.logger, options.customerPages, {
    addresses: sharedWindows(options, 'enroll-address', 60_000, options.customerPages?.perAddressPerMinute ?? DEFAULT_PAGE_LIMITS.perAddressPerMinute),
    pages: sharedWindows(options, 'enroll-page', 60_000, options.customerPages?.perPagePerMinute ?? DEFAULT_PAGE_LIMITS.perPagePerMinute),
  });
  app.use((_request: Request, _response: Response, next: NextFunction) => next(new ApiError(404, 'route_not_found', 'No such route.')));
  app.use(errorHandler(options.logger));
  return app;
}

/** The rate limit's window: a minute unless the options say otherwise. */
function rateLimitWindowMs(options: AppOptions): number {
  return options.rateLimitWindowMs ?? 60_000;
}

/**
 * One counter's windows, shared through the store's counts when the host gave them, this process's own otherwise.
 * From half its limit a key is reported back to back, so the processes learn each other's counts where it matters.
 */
function sharedWindows(options: AppOptions, name: string, windowMs: number, limit: number): SharedWindows {
  let warnedAt = 0;
  return new SharedWindows({
    name,
    windowMs,
    eagerFrom: Math.ceil(limit / 2),
    syncMs: options.rateCountSyncMs ?? DEFAULT_RATE_COUNT_SYNC_MS,
    holder: PROCESS_HOLDER,
    ...(options.rateCounts === undefined ? {} : { counts: options.rateCounts }),
    onSyncError: (error) => {
      // Once a minute at most: while the store is away every counted key would say so.
      if (Date.now() - warnedAt < 60_000) return;
      warnedAt = Date.now();
      options.logger.warn('shared rate counts not reachable; counting in this process until they are', { counter: name, error: describeError(error) });
    },
  });
}

function mountRoute(
  app: express.Express,
  table: RouteTable,
  route: RouteDefinition,
  options: AppOptions,
  { throttle, signInThrottle }: { readonly throttle: FailedAuthThrottle; readonly signInThrottle: SignInThrottle },
  before: readonly RequestHandler[],
): void {
  const validate = {
    params: route.params === undefined ? undefined : compileValidator(route.params, 'path'),
    query: route.query === undefined ? undefined : compileValidator(route.query, 'query'),
    body: route.body === undefined ? undefined : compileValidator(route.body, 'body'),
  };
  const authenticateRoute: RequestHandler = async (request, response, next) => {
    const locals = response.locals as Locals;
    locals.route = `${route.method.toUpperCase()} ${route.path}`;
    const address = clientAddress(request);
    if (route.permission === 'public') {
      // No credentials to check: a public route throttles its own failures (signing in counts per e-mail as well).
      locals.principal = publicPrincipal(address);
      return next();
    }
    const admission = await throttle.admit(address);
    if ('blockedForSeconds' in admission) {
      const wait = admission.blockedForSeconds;
      throw new ApiError(429, 'too_many_failed_attempts', `Too many failed authentication attempts from this address; retry in ${wait} s.`, [], { 'Retry-After': String(wait) });
    }
    let failed = false;
    try {
      locals.principal = await authenticate(request, options.services, route.permission, options.adminToken);
    } catch (error) {
      failed = ApiError.isApiError(error) && (error.code === 'invalid_credentials' || error.code === 'platform_admin_required');
      throw error;
    } finally {
      admission.admitted.settle(failed);
    }
    authorize(locals.principal, route.permission, request);
    next();
  };
  const handle = async (request: Request, response: Response) => {
    // Picked per request, so that a host (a test) may swap a service in the object it handed over.
    const services = Object.fromEntries(route.services.map((name) => [name, options.services[name]])) as Partial<ApiServices>;
    const baseUrl = options.publicUrl ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
    const client = { address: clientAddress(request), secure: request.secure, baseUrl, signInThrottle };
    const result = await runRoute(route, validate, request, response, services, options.services.idempotency, client);
    await send(request, response, result);
  };
  table.add(route.method, route.path, [authenticateRoute, ...before, handle]);
  app[route.method](route.path.replace(/\{(\w+)\}/g, ':$1'), authenticateRoute, ...before, handle);
}

async function runRoute(
  route: RouteDefinition,
  validate: { params?: Validator | undefined; query?: Validator | undefined; body?: Validator | undefined },
  request: Request,
  response: Response,
  services: Partial<ApiServices>,
  idempotency: IdempotencyService,
  client: RouteClient,
): Promise<RouteResult> {
  const principal = (response.locals as Locals).principal;
  if (principal === undefined) throw new Error(`${route.operationId} ran without an authenticated caller`);
  const vocabulary = vocabularyOf(request);
  const acceptLanguage = request.get('accept-language');
  const language = acceptLanguage === undefined ? {} : { acceptLanguage };
  const params = validate.params?.({ ...request.params }) ?? {};
  const query = validate.query?.({ ...(request.query as object) }) ?? {};
  // Public routes keep no answers: a replayed sign-in would hand out the same session cookie again.
  const key = route.method === 'post' && route.permission !== 'public' ? idempotencyKeyOf(request) : undefined;
  const calling = { client, ...(principal.grants === undefined ? {} : { key: principal.grants }), ...(principal.session === undefined ? {} : { session: principal.session }) };
  if (route.upload !== undefined) {
    // Not torn down when the route stops reading early: a file refused part-way (a header without a column every row
    // needs, a file too large) is answered, and the rest it is still sending is read and dropped, so a client in the
    // middle of a large upload gets the answer rather than a reset connection.
    // Decompressed and held to UTF-8 as the JSON routes' bodies are (uploadBody).
    const body = uploadBody(request, request.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>);
    const upload = { format: uploadFormat(route.upload, request), body, ...(key === undefined ? {} : { key }) };
    try {
      return await route.handle({ params, query, body: undefined, context: principal.context, vocabulary, ...language, services, upload, ...calling });
    } finally {
      if (!request.readableEnded && !request.destroyed) request.resume();
    }
  }
  const body = readBody(route, validate.body, request);
  // Only routes that keep versions read If-Match; elsewhere it is ignored, as RFC 9110 lets a server without ETags do.
  const ifMatch = route.etag === 'checks' ? ifMatchOf(request) : undefined;
  const context: CallContext = ifMatch === undefined ? principal.context : { ...principal.context, ifMatch };
  // Every error a route raises is said in the request's vocabulary, so no message names a state of the other one.
  const execute = (context: CallContext) =>
    route.handle({ params, query, body, context, vocabulary, ...language, services, ...calling }).catch((error: unknown) => {
      throw errorInVocabulary(error, vocabulary);
    });
  if (key === undefined) return execute(context);
  // Keys are the calling API key's or member's own (Stripe scopes them likewise): another caller's replay is never served
  // here. The platform administrator has no workspace; its keys are kept apart from every workspace's (ids start `ws_`).
  const caller = principal.grants?.id ?? 'platform_admin';
  const workspaceId = principal.grants === undefined ? 'platform_admin' : principal.context.workspaceId;
  const stored = await idempotency.run(
    { workspaceId, caller, key, fingerprint: requestFingerprint(route, params, body) },
    (operation) => execute({ ...context, operation }),
    withoutShownOnce,
  );
  if (stored.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return stored;
}

/** What an idempotent replay may give back: the answer (and its headers) without what is shown once (an API key's or a webhook endpoint's secret). */
function withoutShownOnce(result: RouteResult): RouteResult {
  const { shownOnce, ...kept } = result;
  if (shownOnce === undefined || kept.body === null || typeof kept.body !== 'object') return kept;
  return { ...kept, body: Object.fromEntries(Object.entries(kept.body).filter(([field]) => !shownOnce.includes(field))) };
}

/** The upload's format, from its media type: one the route accepts, or a 415 naming them. */
function uploadFormat(formats: Readonly<Record<string, UploadFormat>>, request: Request): UploadFormat {
  const type = (request.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const format = formats[type];
  if (format !== undefined) return format;
  const accepted = Object.keys(formats).join(' or ');
  throw new ApiError(415, 'unsupported_media_type', `Send the file as ${accepted}.`, [{ field: '/headers/content-type', rule: 'media_type', message: `must be ${accepted}` }]);
}

async function send(request: Request, response: Response, result: RouteResult): Promise<void> {
  if (result.headers !== undefined) response.set(result.headers);
  if (result.stream !== undefined) await sendStream(request, response, result.status, result.stream);
  else if (result.body === undefined) response.status(result.status).end();
  else sendJson(request, response, result.status, result.body);
}

/** The client's address as express gives it: behind a trusted proxy, the address the proxy forwarded for. */
function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

/**
 * Writes a download chunk by chunk, waiting for the connection to drain when its buffer is full, and stops reading
 * chunks when the client goes away. Once the status is sent an error cannot become an error answer: the connection is
 * cut (the client sees the body end early, never a complete-looking file) and the error logged by the caller.
 */
async function sendStream(request: Request, response: Response, status: number, stream: NonNullable<RouteResult['stream']>): Promise<void> {
  response.status(status);
  response.setHeader('Content-Type', stream.contentType);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  try {
    for await (const chunk of stream.chunks) {
      if (response.destroyed) return;
      if (!response.write(chunk)) await once(response, 'drain', response);
    }
    response.end();
  } catch (error) {
    response.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/** Resolves when `emitter` emits `event`, or when the response closes first (a client gone mid-download). */
function once(emitter: Response, event: 'drain', response: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      emitter.off(event, done);
      response.off('close', done);
      resolve();
    };
    emitter.on(event, done);
    response.on('close', done);
  });
}

/** express.json's `verify`: a body that is not UTF-8 is refused, not read with replacement characters. */
function refuseInvalidUtf8(_request: unknown, _response: unknown, buffer: Buffer): void {
  if (!isUtf8(buffer)) throw new Error('The request body is not valid UTF-8.');
}

/** While the process shuts down, each answer closes its connection, so that clients reconnect to another process. */
function closeWhenShuttingDown(shuttingDown: () => boolean): RequestHandler {
  return (_request, response, next) => {
    if (shuttingDown()) response.setHeader('Connection', 'close');
    next();
  };
}

/**
 * Request id and trace in and out, and one structured log line per request with its route, status, workspace and
 * latency. The trace is the caller's `traceparent` continued (a new span of its trace), or a new one when it sent none
 * or a malformed one (replaced, never refused); the rest of the request runs in it, so every log line, adapter call
 * and outgoing request it makes carries it. `traceresponse` (Trace Context level 2) tells the caller which it was.
 */
function tagRequest(logger: Logger, metrics: PromMetrics | undefined): RequestHandler {
  return (request, response, next) => {
    const locals = response.locals as Locals;
    locals.requestId = requestIdOf(request);
    locals.startedAt = process.hrtime.bigint();
    // Two traceparent headers are no trace (Trace Context: a header given twice is invalid).
    const given = request.headers.traceparent;
    const trace = startTrace(typeof given === 'string' ? given : undefined);
    response.setHeader('X-Request-Id', locals.requestId);
    response.setHeader('traceresponse', `00-${trace.traceId}-${trace.spanId}-${trace.flags}`);
    response.on('finish', () => {
      const latencyMs = Number(process.hrtime.bigint() - locals.startedAt) / 1e6;
      metrics?.httpRequest(request.method, locals.route ?? 'unmatched', response.statusCode, latencyMs / 1000);
      logEntry(logger, 'info', 'request', {
        requestId: locals.requestId,
        traceId: trace.traceId,
        workspaceId: locals.principal?.context.workspaceId || undefined,
        keyId: locals.principal?.key?.id,
        memberId: locals.principal?.session?.member.id,
        method: request.method,
        route: locals.route ?? 'unmatched',
        status: response.statusCode,
        latencyMs,
      });
    });
    runWithTrace(trace, next);
  };
}
