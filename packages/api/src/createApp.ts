import express, { type NextFunction, type Request, type Response } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { RateCountRepository } from '@flexroll/core';
import { ApiError } from './http/ApiError.js';
import { closeWhenShuttingDown } from './http/closeWhenShuttingDown.js';
import { errorHandler } from './http/errorHandler.js';
import { mountRoute } from './http/mountRoute.js';
import { refuseInvalidUtf8 } from './http/refuseInvalidUtf8.js';
import { RouteTable } from './http/RouteTable.js';
import { tagRequest } from './http/tagRequest.js';
import type { Logger } from './logging/createLogger.js';
import { describeError } from './logging/describeError.js';
import { buildOpenApiDocument } from './openapi/buildOpenApiDocument.js';
import { buildAsyncApiDocument } from './asyncapi/buildAsyncApiDocument.js';
import { ALL_ROUTES } from './routes/allRoutes.js';
import type { ApiServices } from './routes/ApiServices.js';
import { mountOperatorWebhooks } from './operatorWebhooks/mountOperatorWebhooks.js';
import { FailedAuthThrottle } from './security/FailedAuthThrottle.js';
import { SignInThrottle } from './security/SignInThrottle.js';
import { perKeyRateLimit } from './security/perKeyRateLimit.js';
import { sharedWindowsFor } from './security/sharedWindowsFor.js';
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
  const limiter = perKeyRateLimit(rateLimit, sharedWindowsFor(options, 'rate', rateLimitWindowMs(options), rateLimit), rateLimitWindowMs(options));
  const failedAuthLimit = options.failedAuthPerMinute ?? 60;
  const throttle = new FailedAuthThrottle(failedAuthLimit, sharedWindowsFor(options, 'auth', 60_000, failedAuthLimit));
  const failedSignInLimit = options.failedSignInsPerEmailPerMinute ?? 10;
  const signInThrottle = new SignInThrottle(throttle, new FailedAuthThrottle(failedSignInLimit, sharedWindowsFor(options, 'sign-in', 60_000, failedSignInLimit)));
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
  // The customer pages' flood limits are counted by every process, as the API's are. Mounted ahead of the API's
  // routes, which no page path shares: express walks its layers in order, and a page has no use for theirs.
  mountCustomerPages(app, options.services, options.logger, options.customerPages, {
    addresses: sharedWindowsFor(options, 'enroll-address', 60_000, options.customerPages?.perAddressPerMinute ?? DEFAULT_PAGE_LIMITS.perAddressPerMinute),
    pages: sharedWindowsFor(options, 'enroll-page', 60_000, options.customerPages?.perPagePerMinute ?? DEFAULT_PAGE_LIMITS.perPagePerMinute),
  });
  for (const route of ALL_ROUTES) {
    const gates = isListRead(route) ? [listGate, gate] : [gate];
    mountRoute(app, table, route, options, { throttle, signInThrottle }, route.body === undefined ? [limiter, ...gates] : [limiter, parseJson, ...gates]);
  }

  app.use((_request: Request, _response: Response, next: NextFunction) => next(new ApiError(404, 'route_not_found', 'No such route.')));
  app.use(errorHandler(options.logger));
  return app;
}

/** The rate limit's window: a minute unless the options say otherwise. */
function rateLimitWindowMs(options: AppOptions): number {
  return options.rateLimitWindowMs ?? 60_000;
}
