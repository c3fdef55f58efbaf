import type { TSchema } from '@sinclair/typebox';
import { ALL_ROUTES } from '../routes/allRoutes.js';
import type { RouteDefinition } from '../routes/RouteDefinition.js';
import { ErrorBody } from '../schemas/common.js';
import { SESSION_COOKIE } from '../auth/sessionCookie.js';

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Malformed JSON, or input failing the schema; every offending field is listed in `error.details`.',
  401: 'Missing, unknown or revoked API key; an ended or expired session (`session_expired`); a wrong e-mail or password (`invalid_credentials`).',
  403: 'The key or the member’s role lacks this route’s permission (`missing_permission`); a write through a session without its `X-CSRF-Token` (`csrf_token_invalid`).',
  404: 'No such record in your workspace (another workspace’s id gets exactly this answer).',
  409: 'A conflict with the current state: an illegal transition, a lost race, a reused idempotency key, a device already enrolled.',
  413: 'The body is larger than the limit.',
  415: 'The body is not of a media type the route accepts (`application/json`; an upload `text/csv` or `application/x-ndjson`).',
  422: 'Well-formed input the domain refuses, such as a reference to a record that does not exist.',
  429: 'Too many requests for this key, too many of this workspace’s requests at once, or too many failed sign-ins (`too_many_failed_attempts`); wait for `Retry-After` seconds.',
};

/**
 * The OpenAPI 3.1 document, built from the same route declarations and TypeBox schemas that validate requests,
 * so the contract cannot drift from the behaviour.
 */
export function buildOpenApiDocument(routes: readonly RouteDefinition[] = ALL_ROUTES): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path]![route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Flexroll API',
      version: '0.1.0',
      description:
        'Workspace-scoped API for energy-flexibility programmes. Authenticate with `Authorization: Bearer <key>`; the workspace comes from the key. ' +
        'A workspace member signed in (`POST /sessions`) sends its session cookie instead, and with every write the header `X-CSRF-Token: <csrfToken>` from its session. ' +
        'Send `Flexroll-Version: 2` to read and write participation states in seed 002’s vocabulary (default `1`). Every POST accepts an `Idempotency-Key` header.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { sessionCookie: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key, or the platform administrator token for program writes' },
        sessionCookie: {
          type: 'apiKey', in: 'cookie', name: SESSION_COOKIE,
          description: 'A workspace member’s session, set by `POST /sessions` (used when no `Authorization` header is sent). Writes also need `X-CSRF-Token`.',
        },
      },
      schemas: { Error: strip(ErrorBody) },
    },
  };
}

function operation(route: RouteDefinition): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  const headers = Object.entries(route.responseHeaders ?? {}).map(([name, description]): [string, unknown] => [name, { description, schema: { type: 'string' } }]);
  for (const [status, schema] of Object.entries(route.responses)) {
    responses[status] = {
      ...(schema === null ? { description: 'No content' } : { description: 'Success', content: { [route.produces ?? 'application/json']: { schema: strip(schema) } } }),
      ...(headers.length === 0 ? {} : { headers: Object.fromEntries(headers) }),
    };
  }
  for (const status of errorStatuses(route)) {
    responses[String(status)] = { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    'x-permission': route.permission,
    ...securityOf(route),
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query'), ...headerParameters(route)],
    ...(route.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: strip(route.body) } } } }),
    ...(route.upload === undefined ? {} : { requestBody: { required: true, content: Object.fromEntries(Object.keys(route.upload).map((type) => [type, { schema: { type: 'string' } }])) } }),
    responses,
  };
}

/** Public routes need no credentials; the session's own routes take only the session cookie; the rest, the document's default. */
function securityOf(route: RouteDefinition): Record<string, unknown> {
  if (route.permission === 'public') return { security: [] };
  if (route.permission === 'session') return { security: [{ sessionCookie: [] }] };
  if (route.permission === 'platform_admin') return { security: [{ bearer: [] }] };
  return {};
}

function errorStatuses(route: RouteDefinition): number[] {
  const statuses = [400, 401, 403, 429];
  if (route.params !== undefined) statuses.push(404);
  if (route.method !== 'get') statuses.push(409, 422);
  if (route.body !== undefined || route.upload !== undefined) statuses.push(413, 415);
  return statuses.sort();
}

function parameters(schema: TSchema | undefined, where: 'path' | 'query'): unknown[] {
  const properties = (schema?.properties ?? {}) as Record<string, TSchema>;
  const required = new Set<string>((schema?.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(property.description === undefined ? {} : { description: property.description }),
    schema: strip(property),
  }));
}

function headerParameters(route: RouteDefinition): unknown[] {
  const version = { name: 'Flexroll-Version', in: 'header', required: false, schema: { type: 'string', enum: ['1', '2'] }, description: 'Participation state vocabulary' };
  const idempotency = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 255 }, description: 'Repeat a POST safely' };
  const csrf = {
    name: 'X-CSRF-Token', in: 'header', required: false, schema: { type: 'string' },
    description: 'With the session cookie: the session’s `csrfToken` (required on every write made with a session; ignored with an API key)',
  };
  // A public POST keeps no idempotent answer (a replayed sign-in would hand out its cookie again).
  if (route.permission === 'public') return [version];
  const write = route.method === 'get' ? [] : [csrf];
  return route.method === 'post' ? [version, idempotency, ...write] : [version, ...write];
}

/** A TypeBox schema as plain JSON Schema (TypeBox marks its objects with symbols, which JSON drops anyway). */
function strip(schema: TSchema): unknown {
  return JSON.parse(JSON.stringify(schema));
}
