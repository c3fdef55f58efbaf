import { askedOf, type AskableField, type EnrollmentPageSettings, type RuleFailure } from '@flexroll/core';
import { html, type Html } from './html.js';
import type { FormField, FormValues, Step } from './FormState.js';
import { layout } from './layout.js';
import type { Translator } from './Locales.js';
import type { MessageId } from './messages/en.js';

/** What a step of the form is drawn from. */
export interface StepView {
  readonly t: Translator;
  readonly page: EnrollmentPageSettings;
  readonly step: Step;
  readonly values: FormValues;
  readonly sealed: string;
  readonly errors: Partial<Record<FormField | 'consent', string>>;
  /** A message above the form (too fast, device taken), in the customer's words. */
  readonly notice?: string;
  /** The instance's rules' lists, offered as choices where they exist. */
  readonly choices: { readonly manufacturers?: readonly string[]; readonly deviceTypes?: readonly string[] };
}

const STEP_TITLES: Readonly<Record<Step, MessageId>> = { 1: 'step.details', 2: 'step.device', 3: 'step.consent' };
const ADDRESS_FIELDS = ['streetOne', 'streetTwo', 'city', 'state', 'postalCode', 'country'] as const;

/** One step of the form: its fields with their errors beside them, the sealed state, the honeypot, and its buttons. */
export function stepPage(view: StepView): string {
  const { t, page, step } = view;
  const count = Object.keys(view.errors).length;
  const title = t.t(STEP_TITLES[step]);
  const content = html`
<p class="progress">${t.t('step.progress', { step })}</p>
<h1>${title}</h1>
${count === 0 ? '' : html`<div class="summary" role="alert" id="summary"><p>${t.t('error.summary', { count })}</p></div>`}
${view.notice === undefined ? '' : html`<p class="notice" role="status">${view.notice}</p>`}
<form method="post" action="${`/enroll/${page.slug}`}" novalidate>
<input type="hidden" name="formState" value="${view.sealed}">
<div class="trap" aria-hidden="true"><label for="website">${t.t('page.honeypot')}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
${step === 1 ? detailsFields(view) : step === 2 ? deviceFields(view) : consentFields(view)}
<div class="actions">
<button class="primary" type="submit" name="action" value="${step === 3 ? 'submit' : 'continue'}">${t.t(step === 3 ? 'action.submit' : 'action.continue')}</button>
${step === 1 ? '' : html`<button class="secondary" type="submit" name="action" value="back" formnovalidate>${t.t('action.back')}</button>`}
</div>
</form>`;
  return layout({ t, title, page, ...(step === 1 ? { languagePath: `/enroll/${page.slug}` } : {}) }, content);
}

function detailsFields(view: StepView): Html {
  const { page } = view;
  const address = askedOf(page, 'address');
  return html`
${input(view, 'firstName', 'field.firstName', { autocomplete: 'given-name', required: true })}
${input(view, 'lastName', 'field.lastName', { autocomplete: 'family-name', required: true })}
${input(view, 'email', 'field.email', { autocomplete: 'email', required: true, type: 'email' })}
${askedOf(page, 'phone') === 'off' ? '' : input(view, 'phone', 'field.phone', { autocomplete: 'tel', required: askedOf(page, 'phone') === 'required', type: 'tel' })}
${address === 'off' ? '' : ADDRESS_FIELDS.map((field) =>
    input(view, field, `field.${field}`, { autocomplete: AUTOCOMPLETE[field], required: address === 'required' && field !== 'streetTwo' }),
  )}`;
}

const AUTOCOMPLETE: Readonly<Record<(typeof ADDRESS_FIELDS)[number], string>> = {
  streetOne: 'address-line1', streetTwo: 'address-line2', city: 'address-level2', state: 'address-level1', postalCode: 'postal-code', country: 'country-name',
};

function deviceFields(view: StepView): Html {
  const { page, choices } = view;
  const asked = (field: AskableField) => askedOf(page, field);
  return html`
${asked('manufacturerSlugs') === 'off' ? '' : choiceOrInput(view, 'manufacturer', 'field.manufacturer', choices.manufacturers, asked('manufacturerSlugs') === 'required')}
${asked('deviceType') === 'off' ? '' : choiceOrInput(view, 'deviceType', 'field.deviceType', choices.deviceTypes, asked('deviceType') === 'required')}
${asked('serialNumber') === 'off' ? '' : input(view, 'serialNumber', 'field.serialNumber', { autocomplete: 'off', required: asked('serialNumber') === 'required' })}`;
}

function consentFields(view: StepView): Html {
  const { t, page } = view;
  const version = page.terms.version;
  return html`
<h2 id="terms-title">${t.t('consent.version', { version })}</h2>
<div class="terms" tabindex="0" role="region" aria-labelledby="terms-title">${page.terms.text}</div>
<div class="field${view.errors.consent === undefined ? '' : ' invalid'}">
<p class="check"><input type="checkbox" id="consent" name="consent" value="yes" aria-required="true"${describedBy(view.errors.consent, 'consent')}><label for="consent">${consentWording(t, page)}</label></p>
${errorLine(view.errors.consent, 'consent')}
</div>`;
}

/** The checkbox's words, exactly as the consent record keeps them. */
export function consentWording(t: Translator, page: EnrollmentPageSettings): string {
  return t.t('consent.checkbox', { version: page.terms.version, programme: page.name });
}

interface InputOptions {
  readonly autocomplete: string;
  readonly required: boolean;
  readonly type?: 'text' | 'email' | 'tel';
}

function input(view: StepView, field: FormField, label: MessageId, options: InputOptions): Html {
  const { t } = view;
  const error = view.errors[field];
  return html`<div class="field${error === undefined ? '' : ' invalid'}">
<label for="${field}">${t.t(label)}${options.required ? '' : html` <span class="optional">${t.t('field.optional')}</span>`}</label>
<input type="${options.type ?? 'text'}" id="${field}" name="${field}" value="${view.values[field] ?? ''}" autocomplete="${options.autocomplete}"${options.required ? html` aria-required="true"` : ''}${error === undefined ? '' : html` aria-invalid="true"`}${describedBy(error, field)}>
${errorLine(error, field)}
</div>`;
}

function choiceOrInput(view: StepView, field: FormField, label: MessageId, choices: readonly string[] | undefined, required: boolean): Html {
  if (choices === undefined) return input(view, field, label, { autocomplete: 'off', required });
  const { t } = view;
  const error = view.errors[field];
  const current = view.values[field] ?? '';
  return html`<div class="field${error === undefined ? '' : ' invalid'}">
<label for="${field}">${t.t(label)}${required ? '' : html` <span class="optional">${t.t('field.optional')}</span>`}</label>
<select id="${field}" name="${field}"${required ? html` aria-required="true"` : ''}${error === undefined ? '' : html` aria-invalid="true"`}${describedBy(error, field)}>
<option value="">${t.t('field.choose')}</option>
${choices.map((choice) => html`<option value="${choice}"${choice === current ? html` selected` : ''}>${choice}</option>`)}
<option value="other"${current === 'other' ? html` selected` : ''}>${t.t('field.other')}</option>
</select>
${errorLine(error, field)}
</div>`;
}

function describedBy(error: string | undefined, field: string): Html | string {
  return error === undefined ? '' : html` aria-describedby="${`${field}-error`}"`;
}

function errorLine(error: string | undefined, field: string): Html | string {
  return error === undefined ? '' : html`<p class="error" id="${`${field}-error`}">${error}</p>`;
}

/** The pre-check's answer: each rule the answers fail, in the customer's words; a lead form where the page allows one. */
export function precheckPage(view: { t: Translator; page: EnrollmentPageSettings; failures: readonly RuleFailure[]; sealed: string; leadCapture: boolean }): string {
  const { t, page } = view;
  const reasons = [...new Set(view.failures.map((failure) => failure.rule))];
  const content = html`
<h1>${t.t('precheck.title')}</h1>
<ul>${reasons.map((rule) => html`<li>${t.t(`precheck.${rule}` as MessageId)}</li>`)}</ul>
<p>${t.t('precheck.change')}</p>
<form method="post" action="${`/enroll/${page.slug}`}">
<input type="hidden" name="formState" value="${view.sealed}">
${view.leadCapture ? html`<p>${t.t('lead.offer')}</p>` : ''}
<div class="actions">
<button class="secondary" type="submit" name="action" value="back">${t.t('action.back')}</button>
${view.leadCapture ? html`<button class="primary" type="submit" name="action" value="lead">${t.t('lead.submit')}</button>` : ''}
</div>
</form>`;
  return layout({ t, title: t.t('precheck.title'), page }, content);
}

/** A page of one message: thanks for a lead, closed, not found, an error. */
export function messagePage(t: Translator, title: MessageId, body: string, page?: EnrollmentPageSettings): string {
  return layout({ t, title: t.t(title), ...(page === undefined ? {} : { page }) }, html`<h1>${t.t(title)}</h1><p>${body}</p>`);
}

/** The confirmation: the status link, shown here (and e-mailed when the platform can send mail). */
export function confirmationPage(t: Translator, page: EnrollmentPageSettings, statusUrl: string, emailed: boolean): string {
  const content = html`
<h1>${t.t('confirm.title')}</h1>
<p>${t.t('confirm.next')}</p>
<div class="notice">
<h2>${t.t('confirm.link')}</h2>
<p><a class="link" href="${statusUrl}">${statusUrl}</a></p>
<p>${t.t('confirm.keep')}</p>
${emailed ? html`<p>${t.t('confirm.emailed')}</p>` : ''}
</div>`;
  return layout({ t, title: t.t('confirm.title'), page }, content);
}
