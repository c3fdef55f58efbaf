import type express from 'express';
import type { Request, RequestHandler, Response } from 'express';
import { authenticate, authorize, publicPrincipal } from '../auth/authenticate.js';
import type { AppOptions } from '../createApp.js';
import type { ApiServices } from '../routes/ApiServices.js';
import type { RouteDefinition } from '../routes/RouteDefinition.js';
import type { FailedAuthThrottle } from '../security/FailedAuthThrottle.js';
import type { SignInThrottle } from '../security/SignInThrottle.js';
import { ApiError } from './ApiError.js';
import type { RequestLocals } from './RequestLocals.js';
import type { RouteTable } from './RouteTable.js';
import { runRoute } from './runRoute.js';
import { sendRouteResult } from './sendRouteResult.js';
import { compileValidator } from './validation.js';

/**
 * Mounts one route of the API: its credentials checked (under the failed-authentication throttle) and its permission,
 * then `before` (rate limit, body, workspace places), then the route itself.
 */
export function mountRoute(
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
    const locals = response.locals as RequestLocals;
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
    await sendRouteResult(request, response, result);
  };
  table.add(route.method, route.path, [authenticateRoute, ...before, handle]);
  app[route.method](route.path.replace(/\{(\w+)\}/g, ':$1'), authenticateRoute, ...before, handle);
}

/** The client's address as express gives it: behind a trusted proxy, the address the proxy forwarded for. */
function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
