import express, { type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { CUID_PATTERN, type WebhookEventResult } from '@flexroll/core';
import { ApiError } from '../http/ApiError.js';
import type { ApiServices } from '../routes/ApiServices.js';

/** The route an operator's own webhooks are posted to, one per program instance. */
export const OPERATOR_WEBHOOK_ROUTE = 'POST /programInstances/{instanceId}/operator-webhooks';
const CUID = new RegExp(CUID_PATTERN);

export interface OperatorWebhookOptions {
  readonly services: Pick<ApiServices, 'operatorWebhooks'>;
  readonly bodyLimit?: string;
  readonly rateLimitPerMinute?: number;
}

/**
 * Mounts `POST /programInstances/{instanceId}/operator-webhooks`: an operator's own webhooks, in its own format.
 * It is not one of the API's routes: there is no API key (the operator signs its requests; the instance's adapter
 * verifies the signature), and the adapter needs the body's exact bytes, so this route alone reads the body raw,
 * whatever its media type. Rate-limited per instance. The answer is `{ received, results }`: what became of each
 * event the adapter found in the request.
 */
export function mountOperatorWebhooks(app: express.Express, options: OperatorWebhookOptions): void {
  const raw = express.raw({ type: () => true, limit: options.bodyLimit ?? '100kb' });
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: options.rateLimitPerMinute ?? 600,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (request) => `operator-webhook:${String(request.params.instanceId)}`,
    handler: (_request, _response, next) => next(new ApiError(429, 'rate_limited', 'Too many webhooks for this program instance; retry in a minute.', [], { 'Retry-After': '60' })),
  });
  const named = (_request: Request, response: Response, next: () => void) => {
    (response.locals as { route?: string }).route = OPERATOR_WEBHOOK_ROUTE;
    next();
  };
  app.post('/programInstances/:instanceId/operator-webhooks', named, limiter, raw, async (request: Request, response: Response) => {
    const instanceId = String(request.params.instanceId);
    if (!CUID.test(instanceId)) {
      throw new ApiError(400, 'validation_failed', 'instanceId must be a CUID.', [{ field: '/path/instanceId', rule: 'pattern', message: `must match pattern "${CUID_PATTERN}"` }]);
    }
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const results = await options.services.operatorWebhooks.receive(instanceId, { body, headers: flatHeaders(request) });
    response.status(200).json({ received: results.length, results: results.map(renderResult) });
  });
}

function flatHeaders(request: Request): Record<string, string> {
  return Object.fromEntries(Object.entries(request.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));
}

function renderResult(result: WebhookEventResult): Record<string, unknown> {
  return {
    index: result.index,
    ...(result.participationId === undefined ? {} : { participation_id: result.participationId }),
    outcome: result.outcome,
    ...(result.message === undefined ? {} : { message: result.message }),
  };
}
