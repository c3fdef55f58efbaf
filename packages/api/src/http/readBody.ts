import type { Request } from 'express';
import type { RouteDefinition } from '../routes/RouteDefinition.js';
import { ApiError } from './ApiError.js';
import { checkBodyShape } from './checkBodyShape.js';
import { hasBody } from './requestContext.js';
import type { Validator } from './validation.js';

/**
 * The route's body, validated: refused unread on a route that takes none (a GET or DELETE with any body), 415 when it
 * is not JSON, then the rules of every body ({@link checkBodyShape}) and the route's schema. A POST without a body
 * is read as `{}`.
 */
export function readBody(route: RouteDefinition, validate: Validator | undefined, request: Request): unknown {
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
  const body: unknown = request.body ?? {};
  checkBodyShape(body);
  return validate(body);
}
