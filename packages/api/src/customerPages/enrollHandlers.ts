import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { FlexrollError } from '@flexroll/sdk';
import { type PublishedPage, SelfEnrollmentService, termsDigest } from '@flexroll/core';
import { asFormState, FORM_FIELDS, type FormState, type FormValues } from './FormState.js';
import { errorsByField } from './fieldErrors.js';
import { fieldsOfStep, nextStep, previousStep, toSelfEnrollmentInput } from './formInput.js';
import { confirmationPage, consentWording, messagePage, precheckPage, stepPage } from './enrollViews.js';
import { acceptedLanguages, negotiateLocale, translator, type Translator } from './Locales.js';
import { csrfCookie, cookieOf } from './PageGuards.js';
import { originOf, type PageContext, plainTranslator, sendPage, textOf } from './pageContext.js';

const FORM_COOKIE = 'flexroll_form';

/** `GET /enroll/{slug}`: the first step of a new form, in the customer's locale; a closed page says so. */
export async function showForm(context: PageContext, request: Request, response: Response): Promise<void> {
  const published = await openPage(context, request, response);
  if (published === undefined) return;
  const t = localeFor(context, request, published);
  const state: FormState = { form: randomUUID(), csrf: csrfCookie(request, response, FORM_COOKIE, '/enroll'), openedAt: Date.now(), locale: t.locale, step: 1, values: {} };
  await renderStep(context, response, 200, published, t, state, {});
}

/**
 * `POST /enroll/{slug}`: one step's answers. Checked in order: the page is open, the sealed state is ours and its
 * CSRF value the browser's cookie, the honeypot empty; then the step's answers against the API's own rules, the
 * pre-check after the last question, and on submit the consent and the time the form took.
 */
export async function postForm(context: PageContext, request: Request, response: Response): Promise<void> {
  const published = await openPage(context, request, response);
  if (published === undefined) return;
  const { page } = published;
  const state = asFormState(context.services.formSeal.open(textOf(request.body, 'formState', 20_000) ?? ''));
  const t = state === undefined ? localeFor(context, request, published) : translator(state.locale, page);
  if (state === undefined || cookieOf(request, FORM_COOKIE) !== state.csrf) {
    return sendPage(response, 403, messagePage(t, 'error.title', t.t('error.expired'), page));
  }
  if ((textOf(request.body, 'website') ?? '') !== '') return sendPage(response, 422, messagePage(t, 'error.title', t.t('error.tooFast'), page));
  const action = textOf(request.body, 'action') ?? 'continue';
  const values: FormValues = { ...state.values };
  for (const field of fieldsOfStep(page, state.step)) values[field] = textOf(request.body, field, 500) ?? '';
  const here: FormState = { ...state, values };

  if (action === 'back') return renderStep(context, response, 200, published, t, { ...here, step: previousStep(page, state.step) }, {});
  const input = toSelfEnrollmentInput(page, values);
  if (action === 'lead') {
    if (page.leadCapture !== true) return sendPage(response, 400, messagePage(t, 'error.title', t.t('error.expired'), page));
    await context.services.selfEnrollment.leaveLead(published, state.form, input);
    return sendPage(response, 200, messagePage(t, 'lead.thanks', t.t('lead.thanks'), page));
  }
  // Every step so far is checked again: what an earlier step said is only trusted as far as the seal goes.
  const shown = ([1, 2, 3] as const).filter((step) => step <= state.step).flatMap((step) => fieldsOfStep(page, step));
  const errors = errorsByField(SelfEnrollmentService.check(page, input), t, shown);
  if (Object.keys(errors).length > 0) {
    const first = ([1, 2] as const).find((step) => fieldsOfStep(page, step).some((field) => errors[field] !== undefined)) ?? state.step;
    return renderStep(context, response, 422, published, t, { ...here, step: first }, errors);
  }
  if (state.step !== 3) {
    const next = nextStep(page, state.step);
    if (next === 3) {
      const failures = await context.services.selfEnrollment.precheck(published, input);
      if (failures.length > 0) {
        return sendPage(response, 200, precheckPage({ t, page, failures, sealed: context.services.formSeal.seal(here), leadCapture: page.leadCapture === true }));
      }
    }
    return renderStep(context, response, 200, published, t, { ...here, step: next }, {});
  }
  if (textOf(request.body, 'consent') !== 'yes') return renderStep(context, response, 422, published, t, here, { consent: t.t('error.consent') });
  if (Date.now() - state.openedAt < context.guards.limits.minSubmitMs) return renderStep(context, response, 422, published, t, here, {}, t.t('error.tooFast'));
  await submit(context, request, response, published, t, here, input);
}

async function submit(context: PageContext, request: Request, response: Response, published: PublishedPage, t: Translator, state: FormState, input: ReturnType<typeof toSelfEnrollmentInput>): Promise<void> {
  const { page } = published;
  const consent = {
    termsVersion: page.terms.version,
    termsSha256: termsDigest(page.terms.text),
    wording: consentWording(t, page),
    locale: t.locale,
    grantedAt: context.services.clock.now().toISOString(),
    address: request.ip ?? request.socket.remoteAddress ?? 'unknown',
    userAgent: (request.get('user-agent') ?? '').slice(0, 500),
  };
  try {
    const submission = await context.services.selfEnrollment.submit(published, state.form, input, consent);
    sendPage(response, 200, confirmationPage(t, page, `${originOf(context, request)}/status/${submission.statusToken}?lang=${encodeURIComponent(t.locale)}`, submission.emailed));
  } catch (error) {
    if (!FlexrollError.is(error)) throw error;
    if (error.code === 'device_already_enrolled' && fieldsOfStep(page, 2).includes('serialNumber')) {
      return renderStep(context, response, 409, published, t, { ...state, step: 2 }, { serialNumber: t.t('error.deviceTaken') });
    }
    if (error.kind === 'input') {
      const errors = errorsByField(error.details, t, [...FORM_FIELDS]);
      const step = ([1, 2] as const).find((candidate) => fieldsOfStep(page, candidate).some((field) => errors[field] !== undefined));
      if (step !== undefined) return renderStep(context, response, 422, published, t, { ...state, step }, errors);
    }
    throw error;
  }
}

async function renderStep(context: PageContext, response: Response, status: number, published: PublishedPage, t: Translator, state: FormState, errors: Partial<Record<string, string>>, notice?: string): Promise<void> {
  const choices = state.step === 2 ? await context.services.selfEnrollment.choices(published) : {};
  const sealed = context.services.formSeal.seal(state);
  sendPage(response, status, stepPage({ t, page: published.page, step: state.step, values: state.values, sealed, errors, choices, ...(notice === undefined ? {} : { notice }) }));
}

/**
 * The page at the request's slug when it takes enrollments; otherwise the answer is sent here: 404 for no such page,
 * 410 "not open" for a page its workspace switched off, 429 over a limit.
 */
async function openPage(context: PageContext, request: Request, response: Response): Promise<PublishedPage | undefined> {
  const slug = String(request.params.slug ?? '');
  const wait = context.guards.admit(request, `enroll:${slug}`);
  if (wait !== undefined) {
    response.setHeader('Retry-After', String(wait));
    const t = plainTranslator(context, request);
    sendPage(response, 429, messagePage(t, 'error.title', t.t('error.rateLimited')));
    return undefined;
  }
  const published = /^[a-z0-9-]{1,64}$/.test(slug) ? await context.services.enrollmentPages.bySlug(slug) : undefined;
  if (published === undefined) {
    const t = plainTranslator(context, request);
    sendPage(response, 404, messagePage(t, 'notFound.title', t.t('notFound.body')));
    return undefined;
  }
  if (!published.page.enabled) {
    const t = localeFor(context, request, published);
    sendPage(response, 410, messagePage(t, 'closed.title', t.t('closed.body', { programme: published.page.name }), published.page));
    return undefined;
  }
  return published;
}

/** The customer's locale on this page: `?lang=`, then Accept-Language, then the page's default. */
function localeFor(context: PageContext, request: Request, published: PublishedPage): Translator {
  const { page } = published;
  const lang = typeof request.query.lang === 'string' ? request.query.lang : undefined;
  const offered = context.pseudoLocale ? [...page.locales, 'en-XA'] : page.locales;
  return translator(negotiateLocale(offered, [lang, ...acceptedLanguages(request.get('accept-language')), page.defaultLocale], { pseudo: context.pseudoLocale }), page);
}
