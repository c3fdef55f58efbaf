import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Response } from 'express';
import { ApiError } from '../http/ApiError.js';

/** Where the console lives on the server (its Vite `base`). */
export const CONSOLE_PATH = '/console';

/** Vite names every built asset by its content's hash, so a browser may keep one for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built console (packages/console/dist) at /console: its hashed assets with a year's cache, and
 * `index.html` — never cached, so a new release is picked up on the next load — for /console and every path below it
 * that is not a file (the single-page app's own routes, `/console/enrollments/…`). A missing asset is a 404, not the
 * page. The content policy comes from securityHeaders. Without a built console, /console says how to build it.
 */
export function serveConsole(app: Express, directory: string): void {
  const index = path.join(directory, 'index.html');
  const noStore = (response: Response) => response.setHeader('Cache-Control', 'no-store');
  app.use(`${CONSOLE_PATH}/assets`, express.static(path.join(directory, 'assets'), {
    index: false,
    fallthrough: true,
    redirect: false,
    setHeaders: (response) => response.setHeader('Cache-Control', IMMUTABLE),
  }));
  app.use(`${CONSOLE_PATH}/assets`, () => {
    throw new ApiError(404, 'route_not_found', 'No such console asset.');
  });
  app.get([CONSOLE_PATH, `${CONSOLE_PATH}/*path`], (_request, response, next) => {
    if (!existsSync(index)) {
      next(new ApiError(404, 'console_not_built', 'The console is not built: run `npm run build` (it builds packages/console into packages/console/dist).'));
      return;
    }
    noStore(response);
    response.sendFile(index, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }, (error) => error && next(error));
  });
}
