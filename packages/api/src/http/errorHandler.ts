import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logging/createLogger.js';
import { describeError } from '../logging/describeError.js';
import { fromExpress } from './fromExpress.js';
import { toErrorResponse } from './toErrorResponse.js';

/** One error shape for everything; a 5xx is logged with the error's class and frames, never the request's content. */
export function errorHandler(logger: Logger) {
  return (error: unknown, _request: Request, response: Response, _next: NextFunction): void => {
    const locals = response.locals as { requestId?: string; route?: string };
    const mapped = toErrorResponse(fromExpress(error), locals.requestId ?? 'unknown');
    if (mapped.status >= 500 && mapped.status !== 503) logger.error('unhandled error', { requestId: locals.requestId, route: locals.route, error: describeError(error) });
    else if (mapped.status === 503) logger.warn('unavailable', { requestId: locals.requestId, route: locals.route, error: describeError(error) });
    // A download that failed part-way has sent its status already: its connection is cut (sendStream), nothing to answer.
    if (response.headersSent) return;
    response.status(mapped.status).set(mapped.headers).json(mapped.body);
  };
}
