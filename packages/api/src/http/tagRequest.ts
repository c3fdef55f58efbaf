import { runWithTrace, startTrace } from '@flexroll/core';
import type { RequestHandler } from 'express';
import type { Logger } from '../logging/createLogger.js';
import { logEntry } from '../logging/logEntry.js';
import type { PromMetrics } from '../metrics/PromMetrics.js';
import { requestIdOf } from './requestContext.js';
import type { RequestLocals } from './RequestLocals.js';

/**
 * Request id and trace in and out, and one structured log line per request with its route, status, workspace and
 * latency. The trace is the caller's `traceparent` continued (a new span of its trace), or a new one when it sent none
 * or a malformed one (replaced, never refused); the rest of the request runs in it, so every log line, adapter call
 * and outgoing request it makes carries it. `traceresponse` (Trace Context level 2) tells the caller which it was.
 */
export function tagRequest(logger: Logger, metrics: PromMetrics | undefined): RequestHandler {
  return (request, response, next) => {
    const locals = response.locals as RequestLocals;
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
