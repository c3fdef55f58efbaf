import type { RequestHandler } from 'express';

/** While the process shuts down, each answer closes its connection, so that clients reconnect to another process. */
export function closeWhenShuttingDown(shuttingDown: () => boolean): RequestHandler {
  return (_request, response, next) => {
    if (shuttingDown()) response.setHeader('Connection', 'close');
    next();
  };
}
