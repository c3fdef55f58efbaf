import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { FlexrollError } from '@flexroll/sdk';
import type { Logger } from '../logging/createLogger.js';
import { describeError } from '../logging/describeError.js';
import type { ApiServices } from '../routes/ApiServices.js';
import { postForm, showForm } from './enrollHandlers.js';
import { messagePage } from './enrollViews.js';
import { DEFAULT_PAGE_LIMITS, PageGuards, type PageLimits, type PageWindows } from './PageGuards.js';
import { type PageContext, plainTranslator, sendPage } from './pageContext.js';
import { PAGE_CSS } from './pageStyles.js';
import { postConsent, postLeave, showStatus } from './statusHandlers.js';
import { themeCss } from './themeCss.js';

/** How the customer pages are set up by their host. */
export interface CustomerPageOptions extends Partial<PageLimits> {
  /** The deployment's public address (FLEXROLL_PUBLIC_URL), for the status links; the request's own origin without it. */
  readonly publicUrl?: string;
  /** Offers the pseudo-locale `en-XA` on every page (tests only). */
  readonly pseudoLocale?: boolean;
}

/**
 * The customer's pages (issue 22), server-rendered, on the same services as the API: the enrollment form at
 * `/enroll/{slug}` (with its theme), the status page at `/status/{token}`, and their one stylesheet. Forms are read
 * as `application/x-www-form-urlencoded` only, small; every failure is a page in the customer's language, never a stack.
 * Log lines name the route's pattern, never its path: a status link is a secret, and the pages log no answers.
 */
export function mountCustomerPages(app: express.Express, services: ApiServices, logger: Logger, options: CustomerPageOptions = {}, windows?: PageWindows): void {
  const context: PageContext = {
    services,
    guards: new PageGuards({ ...DEFAULT_PAGE_LIMITS, ...definedLimits(options) }, windows),
    logger,
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    pseudoLocale: options.pseudoLocale === true,
  };
  const form = express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 50 });
  const route = (name: string, handler: (context: PageContext, request: Request, response: Response) => Promise<void>): RequestHandler =>
    async (request, response, next) => {
      (response.locals as { route?: string }).route = name;
      try {
        await handler(context, request, response);
      } catch (error) {
        next(error);
      }
    };
  app.get('/enroll-assets/page.css', (_request, response) => {
    response.setHeader('Content-Type', 'text/css; charset=utf-8');
    response.setHeader('Cache-Control', 'public, max-age=3600');
    response.end(PAGE_CSS);
  });
  app.get('/enroll/:slug/theme.css', route('GET /enroll/{slug}/theme.css', async (_context, request, response) => {
    const published = await services.enrollmentPages.bySlug(String(request.params.slug));
    response.setHeader('Content-Type', 'text/css; charset=utf-8');
    response.setHeader('Cache-Control', 'public, max-age=300');
    response.end(themeCss(published?.page.accentColour));
  }));
  app.get('/enroll/:slug', route('GET /enroll/{slug}', showForm));
  app.post('/enroll/:slug', form, route('POST /enroll/{slug}', postForm));
  app.get('/status/:token', route('GET /status/{token}', showStatus));
  app.post('/status/:token/consent', form, route('POST /status/{token}/consent', postConsent));
  app.post('/status/:token/leave', form, route('POST /status/{token}/leave', postLeave));
  app.use(['/enroll', '/status'], pageErrors(context, logger));
}

/** A failure on a customer page: a page in the customer's language (503 when the store is away), the error in the log without the request's answers. */
function pageErrors(context: PageContext, logger: Logger) {
  return (error: unknown, request: Request, response: Response, _next: NextFunction): void => {
    const t = plainTranslator(context, request);
    const status = FlexrollError.is(error) ? (error.kind === 'unavailable' ? 503 : error.kind === 'input' ? 400 : error.kind === 'conflict' ? 409 : 500) : isBodyError(error) ? 400 : 500;
    if (status >= 500) logger.error('customer page failed', { route: (response.locals as { route?: string }).route, error: describeError(error) });
    if (response.headersSent) return void response.end();
    sendPage(response, status, messagePage(t, 'error.title', t.t(status === 400 ? 'error.expired' : 'error.unavailable')));
  };
}

function isBodyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'type' in error && typeof (error).type === 'string' && 'status' in error;
}

function definedLimits(options: Partial<PageLimits>): Partial<PageLimits> {
  return Object.fromEntries(Object.entries({ perAddressPerMinute: options.perAddressPerMinute, perPagePerMinute: options.perPagePerMinute, minSubmitMs: options.minSubmitMs }).filter(([, value]) => value !== undefined));
}
