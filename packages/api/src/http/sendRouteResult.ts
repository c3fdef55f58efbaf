import type { Request, Response } from 'express';
import type { RouteResult } from '../routes/RouteDefinition.js';
import { sendJson } from './sendJson.js';

/** Sends a route's result: its headers, then JSON, a stream, or no body. */
export async function sendRouteResult(request: Request, response: Response, result: RouteResult): Promise<void> {
  if (result.headers !== undefined) response.set(result.headers);
  if (result.stream !== undefined) await sendStream(request, response, result.status, result.stream);
  else if (result.body === undefined) response.status(result.status).end();
  else sendJson(request, response, result.status, result.body);
}

/**
 * Writes a download chunk by chunk, waiting for the connection to drain when its buffer is full, and stops reading
 * chunks when the client goes away. Once the status is sent an error cannot become an error answer: the connection is
 * cut (the client sees the body end early, never a complete-looking file) and the error logged by the caller.
 */
async function sendStream(request: Request, response: Response, status: number, stream: NonNullable<RouteResult['stream']>): Promise<void> {
  response.status(status);
  response.setHeader('Content-Type', stream.contentType);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  try {
    for await (const chunk of stream.chunks) {
      if (response.destroyed) return;
      if (!response.write(chunk)) await once(response, 'drain', response);
    }
    response.end();
  } catch (error) {
    response.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/** Resolves when `emitter` emits `event`, or when the response closes first (a client gone mid-download). */
function once(emitter: Response, event: 'drain', response: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      emitter.off(event, done);
      response.off('close', done);
      resolve();
    };
    emitter.on(event, done);
    response.on('close', done);
  });
}
