import type { CallContext, IdempotencyService, UploadFormat } from '@flexroll/core';
import { errorInVocabulary } from '@flexroll/sdk';
import type { Request, Response } from 'express';
import type { ApiServices } from '../routes/ApiServices.js';
import type { RouteClient, RouteDefinition, RouteResult } from '../routes/RouteDefinition.js';
import { ApiError } from './ApiError.js';
import { idempotencyKeyOf, requestFingerprint } from './idempotencyKey.js';
import { ifMatchOf } from './ifMatchOf.js';
import { readBody } from './readBody.js';
import { vocabularyOf } from './requestContext.js';
import type { RequestLocals } from './RequestLocals.js';
import { uploadBody } from './uploadBody.js';
import type { Validator } from './validation.js';

/**
 * Runs an authenticated request's route: its parameters validated, its body read, its If-Match passed on, and a POST with
 * an `Idempotency-Key` kept and replayed through the idempotency service.
 */
export async function runRoute(
  route: RouteDefinition,
  validate: { params?: Validator | undefined; query?: Validator | undefined; body?: Validator | undefined },
  request: Request,
  response: Response,
  services: Partial<ApiServices>,
  idempotency: IdempotencyService,
  client: RouteClient,
): Promise<RouteResult> {
  const principal = (response.locals as RequestLocals).principal;
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
