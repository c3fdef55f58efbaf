import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { FlexrollError } from '@flexroll/sdk';
import { type ConsentEvidence, type StatusLinkTarget, type StatusOf, termsDigest } from '@flexroll/core';
import { consentWording, messagePage } from './enrollViews.js';
import { acceptedLanguages, negotiateLocale, translator, type Translator } from './Locales.js';
import { cookieOf, csrfCookie } from './PageGuards.js';
import { type PageContext, plainTranslator, sendPage, textOf } from './pageContext.js';
import { statusPage, type StatusView } from './statusViews.js';

const STATUS_COOKIE = 'flexroll_status';

/** The sealed state of a status page's forms: the browser's CSRF value, and which link they belong to. */
interface StatusFormState {
  readonly csrf: string;
  readonly link: string;
}

/** `GET /status/{token}`: where the customer stands, in their locale. */
export async function showStatus(context: PageContext, request: Request, response: Response): Promise<void> {
  const found = await openStatus(context, request, response);
  if (found === undefined) return;
  const done = request.query.done;
  const t = found.t;
  const notice = done === 'consent' ? t.t('reconsent.done', { version: found.status.page.terms.version }) : done === 'leave' ? t.t('leave.done') : undefined;
  render(context, request, response, 200, found, notice === undefined ? {} : { notice });
}

/** `POST /status/{token}/consent`: consent to the page's current terms, recorded like the form's; then back to the page. */
export async function postConsent(context: PageContext, request: Request, response: Response): Promise<void> {
  const found = await openStatus(context, request, response, true);
  if (found === undefined) return;
  const { t, status } = found;
  const { page } = status;
  if (textOf(request.body, 'version') !== page.terms.version || textOf(request.body, 'consent') !== 'yes') {
    return render(context, request, response, 422, found, { errors: { consent: t.t('error.consent') } });
  }
  const consent: ConsentEvidence = {
    termsVersion: page.terms.version, termsSha256: termsDigest(page.terms.text), wording: consentWording(t, page), locale: t.locale,
    grantedAt: context.services.clock.now().toISOString(), address: request.ip ?? request.socket.remoteAddress ?? 'unknown', userAgent: (request.get('user-agent') ?? '').slice(0, 500),
  };
  await context.services.selfEnrollment.consentAgain(found.target, consent);
  redirectBack(request, response, t, 'consent');
}

/** `POST /status/{token}/leave`: leave the programme with a reason (seed 004's exit processing); then back to the page. */
export async function postLeave(context: PageContext, request: Request, response: Response): Promise<void> {
  const found = await openStatus(context, request, response, true);
  if (found === undefined) return;
  const { t } = found;
  const reason = textOf(request.body, 'reason', 10_000) ?? '';
  if (reason === '') return render(context, request, response, 422, found, { errors: { reason: t.t('error.required') } });
  if (reason.length > 500) return render(context, request, response, 422, found, { errors: { reason: t.t('error.tooLong', { limit: 500 }) } });
  try {
    await context.services.selfEnrollment.leave(found.target, reason);
  } catch (error) {
    if (FlexrollError.is(error) && error.kind === 'conflict') return render(context, request, response, 409, found, { notice: t.t('leave.notYet') });
    throw error;
  }
  redirectBack(request, response, t, 'leave');
}

interface FoundStatus {
  readonly target: StatusLinkTarget;
  readonly status: StatusOf;
  readonly t: Translator;
  readonly token: string;
}

/**
 * The enrollment behind the request's link, or the answer is sent here: 404 for a link that leads nowhere (the same
 * for a malformed, unknown or deleted one), 429 over a limit, 403 for a post without this browser's CSRF value.
 */
async function openStatus(context: PageContext, request: Request, response: Response, posted = false): Promise<FoundStatus | undefined> {
  const token = String(request.params.token ?? '');
  const fallback = () => plainTranslator(context, request);
  const wait = context.guards.admit(request, 'status');
  if (wait !== undefined) {
    response.setHeader('Retry-After', String(wait));
    return void sendPage(response, 429, messagePage(fallback(), 'error.title', fallback().t('error.rateLimited')));
  }
  const target = await context.services.statusLinks.resolve(token);
  const status = target === undefined ? undefined : await context.services.selfEnrollment.find(target);
  if (target === undefined || status === undefined) return void sendPage(response, 404, messagePage(fallback(), 'notFound.title', fallback().t('notFound.body')));
  const t = localeFor(context, request, status);
  if (posted) {
    const state = context.services.formSeal.open(textOf(request.body, 'formState', 20_000) ?? '') as Partial<StatusFormState> | undefined;
    if (state?.csrf === undefined || state.csrf !== cookieOf(request, STATUS_COOKIE) || state.link !== linkHash(token)) {
      return void sendPage(response, 403, messagePage(t, 'error.title', t.t('error.expired'), status.page));
    }
  }
  return { target, status, t, token };
}

function render(context: PageContext, request: Request, response: Response, code: number, found: FoundStatus, extra: Pick<StatusView, 'notice' | 'errors'>): void {
  const { status, t, token } = found;
  const csrf = csrfCookie(request, response, STATUS_COOKIE, '/status');
  const sealed = context.services.formSeal.seal({ csrf, link: linkHash(token) } satisfies StatusFormState);
  const consentedVersion = lastConsentedVersion(status);
  sendPage(response, code, statusPage({
    t, page: status.page, enrollment: status.enrollment, ...(status.participation === undefined ? {} : { participation: status.participation }),
    path: `/status/${token}`, sealed, ...(consentedVersion === undefined ? {} : { consentedVersion }), ...extra,
  }));
}

/** Post, then redirect, then get: a reload of the page does not send the action again. The locale stays the customer's. */
function redirectBack(request: Request, response: Response, t: Translator, done: 'consent' | 'leave'): void {
  response.redirect(303, `/status/${String(request.params.token)}?lang=${encodeURIComponent(t.locale)}&done=${done}`);
}

/** The terms version the customer last agreed to: the newest consent the pages recorded, else the participation's. */
function lastConsentedVersion(status: StatusOf): string | undefined {
  const consents = (status.enrollment.metadata?.selfEnrollment as { consents?: { termsVersion?: string }[] } | undefined)?.consents;
  return consents?.at(-1)?.termsVersion ?? status.participation?.participation.consent?.termsVersion;
}

/** The locale: `?lang=`, then Accept-Language, then the one they enrolled in, then the page's default. */
function localeFor(context: PageContext, request: Request, status: StatusOf): Translator {
  const lang = typeof request.query.lang === 'string' ? request.query.lang : undefined;
  const enrolledIn = (status.enrollment.metadata?.selfEnrollment as { locale?: string } | undefined)?.locale;
  const offered = context.pseudoLocale ? [...status.page.locales, 'en-XA'] : status.page.locales;
  return translator(negotiateLocale(offered, [lang, ...acceptedLanguages(request.get('accept-language')), enrolledIn, status.page.defaultLocale], { pseudo: context.pseudoLocale }), status.page);
}

const linkHash = (token: string) => createHash('sha256').update(token).digest('base64url');
