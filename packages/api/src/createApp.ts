import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import swaggerUi from 'swagger-ui-express';
import { errorInVocabulary } from '@flexroll/sdk';
import { authenticate, authorize, type Principal } from './auth/authenticate.js';
import { ApiError } from './http/ApiError.js';
import { idempotencyKeyOf, requestFingerprint } from './http/idempotencyKey.js';
import { hasBody, requestIdOf, vocabularyOf } from './http/requestContext.js';
import { toErrorResponse } from './http/toErrorResponse.js';
import { compileValidator, type Validator } from './http/validation.js';
import type { Logger } from './logging/createLogger.js';
import { buildOpenApiDocument } from './openapi/buildOpenApiDocument.js';
import { buildAsyncApiDocument } from './asyncapi/buildAsyncApiDocument.js';
import { ALL_ROUTES } from './routes/allRoutes.js';
import type { ApiServices } from './routes/ApiServices.js';
import type { IdempotencyService, UploadFormat } from '@flexroll/core';
import type { RouteDefinition, RouteResult } from './routes/RouteDefinition.js';
import { mountOperatorWebhooks } from './operatorWebhooks/mountOperatorWebhooks.js';

export interface AppOptions {
  /** The services the routes are built on, from the composition root. */
  readonly services: ApiServices;
  readonly logger: Logger;
  /** The platform administrator's token, for program writes; without it those routes answer 403. */
  readonly adminToken?: string;
  /** Requests per key per minute. */
  readonly rateLimitPerMinute?: number;
  /** The largest accepted body, e.g. '100kb'. */
  readonly bodyLimit?: string;
  /** Readiness: resolves when the store answers. */
  readonly ready?: () => Promise<void>;
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
  app.use(tagRequest(options.logger));

  const document = buildOpenApiDocument();
  app.get('/openapi.json', (_request, response) => void response.json(document));
  const webhooks = buildAsyncApiDocument();
  app.get('/asyncapi.json', (_request, response) => void response.json(webhooks));
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Flexroll API reference' }));
  app.get('/healthz', (_request, response) => void response.json({ status: 'ok' }));
  app.get('/readyz', async (_request, response) => {
    try {
      await options.ready?.();
    } catch (error) {
      options.logger.warn('not ready', { error: errorSummary(error) });
      throw new ApiError(503, 'not_ready', 'The store is not answering yet; retry shortly.', [], { 'Retry-After': '5' });
    }
    response.json({ status: 'ready' });
  });

  const limiter = perKeyRateLimit(options.rateLimitPerMinute ?? 600);
  // Bodies are read after authentication and the rate limit, on a known route (so its log line names it), and only on
  // routes that take one. Only JSON is parsed: any other media type reaches the route unread and gets a 415, not a
  // JSON parse error; a route that takes no body refuses any body it is sent, unread.
  const parseJson = express.json({ limit: options.bodyLimit ?? '100kb', type: 'application/json' });
  // Operators' own webhooks: no API key (the adapter verifies the signature) and a raw body, so mounted on their own.
  mountOperatorWebhooks(app, options);
  for (const route of ALL_ROUTES) mountRoute(app, route, options, route.body === undefined ? [limiter] : [limiter, parseJson]);
  // Upload routes (bulk import) read their body as a stream in the handler, under their own limits (CoreSettings).

  app.use((_request: Request, _response: Response, next: NextFunction) => next(new ApiError(404, 'route_not_found', 'No such route.')));
  app.use(errorHandler(options.logger));
  return app;
}

function mountRoute(app: express.Express, route: RouteDefinition, options: AppOptions, before: readonly RequestHandler[]): void {
  const validate = {
    params: route.params === undefined ? undefined : compileValidator(route.params, 'path'),
    query: route.query === undefined ? undefined : compileValidator(route.query, 'query'),
    body: route.body === undefined ? undefined : compileValidator(route.body, 'body'),
  };
  const expressPath = route.path.replace(/\{(\w+)\}/g, ':$1');
  const authenticateRoute: RequestHandler = async (request, response, next) => {
    const locals = response.locals as Locals;
    locals.route = `${route.method.toUpperCase()} ${route.path}`;
    locals.principal = await authenticate(request, options.services.apiKeys, route.permission, options.adminToken);
    authorize(locals.principal, route.permission);
    next();
  };
  app[route.method](expressPath, authenticateRoute, ...before, async (request: Request, response: Response) => {
    // Picked per request, so that a host (a test) may swap a service in the object it handed over.
    const services = Object.fromEntries(route.services.map((name) => [name, options.services[name]])) as Partial<ApiServices>;
    const result = await runRoute(route, validate, request, response, services, options.services.idempotency);
    send(response, result);
  });
}

async function runRoute(
  route: RouteDefinition,
  validate: { params?: Validator | undefined; query?: Validator | undefined; body?: Validator | undefined },
  request: Request,
  response: Response,
  services: Partial<ApiServices>,
  idempotency: IdempotencyService,
): Promise<RouteResult> {
  const principal = (response.locals as Locals).principal;
  if (principal === undefined) throw new Error(`${route.operationId} ran without an authenticated caller`);
  const vocabulary = vocabularyOf(request);
  const params = validate.params?.({ ...request.params }) ?? {};
  const query = validate.query?.({ ...(request.query as object) }) ?? {};
  const key = route.method === 'post' ? idempotencyKeyOf(request) : undefined;
  if (route.upload !== undefined) {
    const upload = { format: uploadFormat(route.upload, request), body: request, ...(key === undefined ? {} : { key }) };
    return route.handle({ params, query, body: undefined, context: principal.context, vocabulary, services, upload });
  }
  const body = readBody(route, validate.body, request);
  // Every error a route raises is said in the request's vocabulary, so no message names a state of the other one.
  const execute = () =>
    route.handle({ params, query, body, context: principal.context, vocabulary, services }).catch((error: unknown) => {
      throw errorInVocabulary(error, vocabulary);
    });
  if (key === undefined) return execute();
  // The platform administrator has no workspace; its keys are kept apart from every workspace's (ids start `ws_`).
  const scope = principal.key === undefined ? 'platform_admin' : principal.context.workspaceId;
  const stored = await idempotency.run(scope, key, requestFingerprint(request, body), execute);
  if (stored.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return stored;
}

function readBody(route: RouteDefinition, validate: Validator | undefined, request: Request): unknown {
  if (route.body === undefined || validate === undefined) {
    if (hasBody(request)) {
      throw new ApiError(400, 'unexpected_body', `${route.method.toUpperCase()} ${route.path} takes no body.`, [
        { field: '/', rule: 'no_body', message: 'must be empty' },
      ]);
    }
    return undefined;
  }
  if (hasBody(request) && !request.is('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.', [
      { field: '/headers/content-type', rule: 'media_type', message: 'must be application/json' },
    ]);
  }
  return validate(request.body ?? {});
}

/** The upload's format, from its media type: one the route accepts, or a 415 naming them. */
function uploadFormat(formats: Readonly<Record<string, UploadFormat>>, request: Request): UploadFormat {
  const type = (request.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const format = formats[type];
  if (format !== undefined) return format;
  const accepted = Object.keys(formats).join(' or ');
  throw new ApiError(415, 'unsupported_media_type', `Send the file as ${accepted}.`, [{ field: '/headers/content-type', rule: 'media_type', message: `must be ${accepted}` }]);
}

function send(response: Response, result: RouteResult): void {
  if (result.headers !== undefined) response.set(result.headers);
  if (result.body === undefined) response.status(result.status).end();
  else response.status(result.status).json(result.body);
}

/** Request id in and out, and one structured log line per request with its route, status, workspace and latency. */
function tagRequest(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const locals = response.locals as Locals;
    locals.requestId = requestIdOf(request);
    locals.startedAt = process.hrtime.bigint();
    response.setHeader('X-Request-Id', locals.requestId);
    response.on('finish', () => {
      logger.info('request', {
        requestId: locals.requestId,
        workspaceId: locals.principal?.context.workspaceId || undefined,
        keyId: locals.principal?.key?.id,
        method: request.method,
        route: locals.route ?? 'unmatched',
        status: response.statusCode,
        latencyMs: Number(process.hrtime.bigint() - locals.startedAt) / 1e6,
      });
    });
    next();
  };
}

/** A fixed window per API key (per process: behind a load balancer each process counts its own share). */
function perKeyRateLimit(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_request, response) => (response.locals as Locals).principal?.key?.id ?? 'platform-admin',
    handler: (request, _response, next) => {
      const reset = (request as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
      next(new ApiError(429, 'rate_limited', `Too many requests for this key; retry in ${seconds} s.`, [], { 'Retry-After': String(seconds) }));
    },
  });
}

function errorHandler(logger: Logger) {
  return (error: unknown, _request: Request, response: Response, _next: NextFunction): void => {
    const locals = response.locals as Locals;
    const mapped = toErrorResponse(fromExpress(error), locals.requestId ?? 'unknown');
    if (mapped.status >= 500) logger.error('unhandled error', { requestId: locals.requestId, route: locals.route, error: errorSummary(error) });
    response.status(mapped.status).set(mapped.headers).json(mapped.body);
  };
}

/** express's own body-parser failures, as API errors. */
function fromExpress(error: unknown): unknown {
  const { type, limit } = (error ?? {}) as { type?: unknown; limit?: unknown };
  if (type === 'entity.too.large') {
    return new ApiError(413, 'body_too_large', `The request body is larger than the limit of ${String(limit)} bytes.`, [
      { field: '/', rule: 'max_bytes', message: `must be at most ${String(limit)} bytes` },
    ]);
  }
  if (type === 'entity.parse.failed') return new ApiError(400, 'malformed_json', 'The request body is not valid JSON.', [{ field: '/', rule: 'json', message: 'is not valid JSON' }]);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new ApiError(415, 'unsupported_encoding', 'Send the body as UTF-8 JSON.');
  return error;
}

function errorSummary(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
}
