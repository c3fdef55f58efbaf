import type { RequestHandler } from 'express';
import { UnavailableError } from '@flexroll/sdk';
import { serveRequest } from '@flexroll/core';
import { ApiError } from '../http/ApiError.js';
import type { WorkspaceConcurrency } from './WorkspaceConcurrency.js';

/** How long a client refused for its workspace's concurrency should wait: a place frees as soon as a request ends. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Runs an authenticated request only within its workspace's share of this process ({@link WorkspaceConcurrency}),
 * answering `429 too_many_concurrent_requests` with `Retry-After` when no place came free in time, and runs the route
 * as serving a request (`serveRequest`), so its queries get a request's time limit. A read also stops when its client
 * has gone: a GET carries a signal that aborts when the connection closes before the answer is sent, and the store
 * starts no further query for it (ADR 0020). Writes run to their end, so that a client that leaves never leaves half
 * of a change behind; the store's time limit bounds them.
 */
export function workspaceGate(concurrency: WorkspaceConcurrency): RequestHandler {
  return async (request, response, next) => {
    const workspaceId = (response.locals as { principal?: { context: { workspaceId: string } } }).principal?.context.workspaceId ?? '';
    const gone = new AbortController();
    const onClose = () => {
      if (!response.writableFinished) gone.abort(new UnavailableError('client_closed_request', 'The client closed the connection before the answer was sent.'));
    };
    response.once('close', onClose);
    const release = await concurrency.enter(workspaceId, gone.signal);
    if (release === undefined) {
      if (gone.signal.aborted) return;
      throw new ApiError(429, 'too_many_concurrent_requests', `Too many requests of this workspace are running at once; retry in ${RETRY_AFTER_SECONDS} s.`, [], {
        'Retry-After': String(RETRY_AFTER_SECONDS),
      });
    }
    response.once('close', release);
    if (gone.signal.aborted) return release();
    const reads = request.method === 'GET' || request.method === 'HEAD';
    // next() runs the route synchronously up to its first await, so everything the route awaits serves this request:
    // its queries get a request's time limit, and a read's stop once its signal has aborted.
    await serveRequest(reads ? { signal: gone.signal } : {}, async () => next());
  };
}
