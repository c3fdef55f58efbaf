import { InputError, type FieldIssue } from '@flexroll/sdk';
import type { EnrollmentPage, EnrollmentPageSettings } from '@flexroll/core';
import { IntlMessageFormat } from 'intl-messageformat';
import { hasCatalogue } from '../customerPages/Locales.js';
import { EN } from '../customerPages/messages/en.js';
import { Cuid, IdParams, NoQuery } from '../schemas/common.js';
import { EnrollmentPageBody, EnrollmentPageResponse, StatusLinkResponse } from '../schemas/enrollmentPageSchemas.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';

const InstanceParams = IdParams('instanceId', Cuid);
const TAG = 'Program instances';

/** A program instance's customer enrollment page (issue 22): read it, and save it as a whole. */
export const enrollmentPageRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}/enrollment-page', operationId: 'getEnrollmentPage', tag: TAG,
    summary: 'Retrieve a program instance’s customer enrollment page', permission: 'program_instances:read',
    params: InstanceParams, query: NoQuery, services: ['enrollmentPages'], responses: { 200: EnrollmentPageResponse },
    async handle({ services, context, params }) {
      return { status: 200, body: renderPage(await services.enrollmentPages.get(context, params.instanceId)) };
    },
  }),
  defineRoute({
    method: 'put', path: '/programInstances/{instanceId}/enrollment-page', operationId: 'saveEnrollmentPage', tag: TAG,
    summary: 'Set up, change or switch off a program instance’s customer enrollment page, /enroll/{slug}', permission: 'program_instances:write',
    params: InstanceParams, query: NoQuery, body: EnrollmentPageBody, services: ['enrollmentPages'], responses: { 200: EnrollmentPageResponse },
    async handle({ services, context, params, body }) {
      checkLocalesAndMessages(body);
      return { status: 200, body: renderPage(await services.enrollmentPages.save(context, params.instanceId, body)) };
    },
  }),
  defineRoute({
    method: 'post', path: '/enrollments/{enrollmentId}/status-links', operationId: 'createStatusLink', tag: 'Enrollments',
    summary: 'Mint a link to the customer’s status page, to send in the workspace’s own message', permission: 'enrollments:write',
    params: IdParams('enrollmentId', Cuid), query: NoQuery, services: ['selfEnrollment'], responses: { 201: StatusLinkResponse },
    // The link is a secret shown once: an idempotent replay answers without it (mint another).
    async handle({ services, context, params }) {
      const token = await services.selfEnrollment.mintLink(context, params.enrollmentId);
      return { status: 201, body: { path: `/status/${token}` }, shownOnce: ['path'] };
    },
  }),
];

function renderPage(page: EnrollmentPage): Record<string, unknown> {
  return { ...page, url: `/enroll/${page.slug}` };
}

/** Each locale offered has a catalogue; each override names a message the pages have and is valid ICU MessageFormat. */
function checkLocalesAndMessages(page: EnrollmentPageSettings): void {
  const issues: FieldIssue[] = [];
  page.locales.forEach((locale, index) => {
    if (!hasCatalogue(locale)) issues.push({ field: `/locales/${index}`, rule: 'catalogue', message: `has no message catalogue; the pages speak ${['en', 'nl', 'de'].join(', ')} (and their regional variants)` });
  });
  for (const [locale, messages] of Object.entries(page.messages ?? {})) {
    if (!page.locales.includes(locale)) issues.push({ field: `/messages/${locale}`, rule: 'oneOfLocales', message: 'must be one of locales' });
    for (const [id, text] of Object.entries(messages)) {
      if (!(id in EN)) {
        issues.push({ field: `/messages/${locale}/${id}`, rule: 'knownMessage', message: 'is not a message of the customer pages (see docs/self-enrollment.md)' });
        continue;
      }
      try {
        new IntlMessageFormat(text, locale);
      } catch (error) {
        issues.push({ field: `/messages/${locale}/${id}`, rule: 'messageFormat', message: `is not valid ICU MessageFormat: ${(error as Error).message}` });
      }
    }
  }
  if (issues.length > 0) throw new InputError('The enrollment page’s locales or messages are not usable', issues);
}
