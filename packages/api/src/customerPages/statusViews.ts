import { buildParticipationTimeline, statesOfPhase, waitingOnOf, type ParticipationState, type SuspensionReason } from '@flexroll/sdk';
import type { Enrollment, EnrollmentPageSettings, ParticipationRecord } from '@flexroll/core';
import { html, type Html } from './html.js';
import { layout } from './layout.js';
import type { Translator } from './Locales.js';
import type { MessageId } from './messages/en.js';
import { consentWording } from './enrollViews.js';

/** What the status page is drawn from. */
export interface StatusView {
  readonly t: Translator;
  readonly page: EnrollmentPageSettings;
  readonly enrollment: Enrollment;
  readonly participation?: ParticipationRecord;
  /** The token's page path, `/status/{token}`, which its forms post to. */
  readonly path: string;
  /** The sealed CSRF state its forms carry. */
  readonly sealed: string;
  /** The terms version the customer last consented to on the pages (or the participation's consent). */
  readonly consentedVersion?: string;
  /** A message at the top after an action (consent recorded, leaving recorded). */
  readonly notice?: string;
  readonly errors?: { readonly reason?: string; readonly consent?: string };
}

/** The steps whose "what you need to do" is the customer's, with the words for it. */
const customerActionByState: Partial<Record<ParticipationState, MessageId>> = {
  AWAITING_CONSENT: 'todo.AWAITING_CONSENT', AWAITING_TELEMETRY: 'todo.AWAITING_TELEMETRY', AWAITING_METER_ACCESS: 'todo.AWAITING_METER_ACCESS',
};
const customerActionByReason: Partial<Record<SuspensionReason, MessageId>> = {
  AWAITING_TELEMETRY: 'todo.AWAITING_TELEMETRY', AWAITING_CONSENT: 'todo.AWAITING_CONSENT', CUSTOMER_REQUEST: 'todo.CUSTOMER_REQUEST',
};

/**
 * The customer's status page: where they stand (seed 000's message, or seed 004's status without a device), what
 * they need to do when the step waits on them (`waitingOnOf`, the deadlines' own rule), the timeline, what they typed
 * and nothing more, and the two things they can do: consent again to new terms, and leave.
 */
export function statusPage(view: StatusView): string {
  const { t, page, enrollment, participation } = view;
  const title = t.t('status.title', { programme: page.name });
  const state = participation?.participation.state;
  const reasons = participation?.participation.suspensionReasons ?? [];
  const termsChanged = view.consentedVersion !== page.terms.version;
  const content = html`
<h1>${title}</h1>
${view.notice === undefined ? '' : html`<p class="notice" role="status">${view.notice}</p>`}
<h2>${t.t('status.now')}</h2>
<p>${t.t(`enrollment.${enrollment.eligibility.status}`)}</p>
${state === undefined ? '' : html`<p>${t.t(`state.${state}`)}</p>${reasons.length === 0 ? '' : html`<ul>${reasons.map((reason) => html`<li>${t.t(`reason.${reason}`)}</li>`)}</ul>`}`}
${todo(view, state, reasons, termsChanged)}
${participation === undefined ? '' : timeline(t, participation)}
${termsChanged ? reconsent(view) : ''}
${typed(view)}
${leave(view)}`;
  return layout({ t, title, page, languagePath: view.path }, content);
}

function todo(view: StatusView, state: ParticipationState | undefined, reasons: readonly SuspensionReason[], termsChanged: boolean): Html | string {
  const { t } = view;
  const items: string[] = [];
  if (state !== undefined && waitingOnOf(state, reasons) === 'customer') {
    const id = state === 'SUSPENDED' ? reasons.map((reason) => customerActionByReason[reason]).find((found) => found !== undefined) : customerActionByState[state];
    if (id !== undefined) items.push(t.t(id));
  }
  if (termsChanged && !items.includes(t.t('todo.AWAITING_CONSENT'))) items.push(t.t('todo.AWAITING_CONSENT'));
  if (items.length === 0) return '';
  return html`<h2>${t.t('status.todo')}</h2><ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`;
}

function timeline(t: Translator, record: ParticipationRecord): Html {
  const entries = buildParticipationTimeline(record.participation.history, {
    meterAccessRequired: record.instance.meterAccessRequired,
    meterAccessAvailable: record.participation.meterAccessAvailable,
    expectedDurations: record.expectedDurations,
  });
  return html`<h2>${t.t('status.timeline')}</h2>
<ol class="timeline">${entries.map((entry) => {
    const when = entry.occurred_at !== null ? t.t('status.occurred', { at: new Date(entry.occurred_at) }) : entry.expected_at !== null ? t.t('status.expected', { at: new Date(entry.expected_at) }) : '';
    return html`<li class="${entry.status}"><span class="badge">${t.t(`status.${entry.status}`)}</span>${t.t(`state.${entry.state}`)}${when === '' ? '' : html`<span class="when">${when}</span>`}</li>`;
  })}</ol>`;
}

function reconsent(view: StatusView): Html {
  const { t, page } = view;
  return html`<section aria-labelledby="reconsent-title">
<h2 id="reconsent-title">${t.t('reconsent.title')}</h2>
<p>${t.t('reconsent.body', { version: page.terms.version })}</p>
<div class="terms" tabindex="0" role="region" aria-labelledby="reconsent-title">${page.terms.text}</div>
<form method="post" action="${`${view.path}/consent?lang=${t.locale}`}">
<input type="hidden" name="formState" value="${view.sealed}">
<input type="hidden" name="version" value="${page.terms.version}">
<div class="field${view.errors?.consent === undefined ? '' : ' invalid'}">
<p class="check"><input type="checkbox" id="consent" name="consent" value="yes" aria-required="true"${view.errors?.consent === undefined ? '' : html` aria-describedby="consent-error"`}><label for="consent">${consentWording(t, page)}</label></p>
${view.errors?.consent === undefined ? '' : html`<p class="error" id="consent-error">${view.errors.consent}</p>`}
</div>
<div class="actions"><button class="primary" type="submit">${t.t('reconsent.submit')}</button></div>
</form>
</section>`;
}

/** What the customer typed, and only that: the pages ask for nothing else, and show nothing the workspace added. */
function typed(view: StatusView): Html {
  const { t, enrollment } = view;
  const rows: [MessageId, string | undefined][] = [
    ['field.firstName', enrollment.firstName], ['field.lastName', enrollment.lastName], ['field.email', enrollment.email], ['field.phone', enrollment.phone],
    ['field.streetOne', enrollment.address?.streetOne], ['field.streetTwo', enrollment.address?.streetTwo], ['field.city', enrollment.address?.city],
    ['field.state', enrollment.address?.state], ['field.postalCode', enrollment.address?.postalCode], ['field.country', enrollment.address?.country],
    ['field.manufacturer', enrollment.manufacturerSlugs?.join(', ')], ['field.deviceType', typeof enrollment.metadata?.deviceType === 'string' ? enrollment.metadata.deviceType : undefined],
    ['field.serialNumber', enrollment.serialNumber],
  ];
  return html`<h2>${t.t('status.typed')}</h2><dl class="typed">${rows
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([label, value]) => html`<dt>${t.t(label)}</dt><dd>${value}</dd>`)}</dl>`;
}

function leave(view: StatusView): Html | string {
  const { t, enrollment } = view;
  const state = view.participation?.participation.state;
  const leaving = (state !== undefined && statesOfPhase('Unenrolment').includes(state)) || enrollment.eligibility.status === 'unenrolled';
  if (leaving || enrollment.eligibility.status === 'rejected' || enrollment.eligibility.status === 'ineligible') return '';
  if (enrollment.eligibility.status !== 'approved') return html`<h2>${t.t('leave.title')}</h2><p>${t.t('leave.notYet')}</p>`;
  const error = view.errors?.reason;
  return html`<section aria-labelledby="leave-title">
<h2 id="leave-title">${t.t('leave.title')}</h2>
<form method="post" action="${`${view.path}/leave?lang=${t.locale}`}">
<input type="hidden" name="formState" value="${view.sealed}">
<div class="field${error === undefined ? '' : ' invalid'}">
<label for="reason">${t.t('leave.reason')}</label>
<p id="reason-hint">${t.t('leave.reasonHint')}</p>
<textarea id="reason" name="reason" maxlength="500" aria-required="true" aria-describedby="${error === undefined ? 'reason-hint' : 'reason-hint reason-error'}"${error === undefined ? '' : html` aria-invalid="true"`}></textarea>
${error === undefined ? '' : html`<p class="error" id="reason-error">${error}</p>`}
</div>
<div class="actions"><button class="secondary" type="submit">${t.t('leave.submit')}</button></div>
</form>
</section>`;
}
