import type { Request, Response } from 'express';
import type { ApiServices } from '../routes/ApiServices.js';
import type { Logger } from '../logging/createLogger.js';
import type { PageGuards } from './PageGuards.js';
import { acceptedLanguages, negotiateLocale, translator, type Translator } from './Locales.js';
import { CATALOGUES, PSEUDO_LOCALE } from './messages/catalogues.js';

/** What the customer pages' handlers share: the services, the guards, the logger and their options. */
export interface PageContext {
  readonly services: Pick<ApiServices, 'enrollmentPages' | 'selfEnrollment' | 'statusLinks' | 'formSeal' | 'clock'>;
  readonly guards: PageGuards;
  readonly logger: Logger;
  /** The address status links are given with (FLEXROLL_PUBLIC_URL); the request's own origin when unset. */
  readonly publicUrl?: string;
  /** Offers the pseudo-locale (`?lang=en-XA`), for the test that finds strings outside the catalogues. */
  readonly pseudoLocale: boolean;
}

/** The pages' content policy: nothing inline, nothing from elsewhere but an https logo, forms only to here, never framed. */
export const PAGE_POLICY = "default-src 'self'; img-src 'self' https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Sends a page: HTML under the pages' policy, never cached (it may show what the customer typed). */
export function sendPage(response: Response, status: number, page: string): void {
  response.status(status);
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Content-Security-Policy', PAGE_POLICY);
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cache-Control', 'no-store');
  response.end(page);
}

/** The origin status links are given with. */
export function originOf(context: PageContext, request: Request): string {
  return context.publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}

/** A form field's value as a trimmed string; anything else (an array from a repeated field, an object) is none. */
export function textOf(body: unknown, name: string, max = 2_000): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : undefined;
}

/** The words of a page that belongs to no programme (not found, too many requests): `?lang=`, then Accept-Language, among every catalogue. */
export function plainTranslator(context: Pick<PageContext, 'pseudoLocale'>, request: Request): Translator {
  const lang = typeof request.query.lang === 'string' ? request.query.lang : undefined;
  const offered = [...Object.keys(CATALOGUES), ...(context.pseudoLocale ? [PSEUDO_LOCALE] : [])];
  return translator(negotiateLocale(offered, [lang, ...acceptedLanguages(request.get('accept-language'))], { pseudo: context.pseudoLocale }));
}
