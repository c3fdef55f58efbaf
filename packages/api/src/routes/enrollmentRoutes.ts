import { Type } from '@sinclair/typebox';
import type { Enrollment, Page } from '@flexroll/core';
import { renderEnrollment } from '../render/renderEnrollment.js';
import { Cuid, IdParams, NoQuery } from '../schemas/common.js';
import { CreateEnrollmentBody, EnrollmentPage, EnrollmentResponse, ExportEnrollmentsQuery, ListEnrollmentsQuery, UpdateEnrollmentBody } from '../schemas/enrollmentSchemas.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';
import { enrollmentCsvHeader, enrollmentCsvRow } from '../export/enrollmentCsv.js';
import { pageRequest } from './queryHelpers.js';
import { enrollmentFilterOf } from './enrollmentFilterOf.js';
import { withSeedNames } from './eligibilityAliases.js';

const InstanceParams = IdParams('instanceId', Cuid);
const EnrollmentParams = IdParams('enrollmentId', Cuid);
const TAG = 'Enrollments';
/** Enrollments read (and written) at once by the export: a page of the list, so its memory is one page's. */
const EXPORT_PAGE = 100;

/** Seed 004's four endpoints, at seed 004's paths, and PATCH to change data and move status by the rules. */
export const enrollmentRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'post', path: '/programInstances/{instanceId}/enrollments', operationId: 'createEnrollment', tag: TAG,
    summary: 'Create an enrollment for a program instance', permission: 'enrollments:write',
    params: InstanceParams, query: NoQuery, body: CreateEnrollmentBody, services: ['enrollments'], responses: { 201: EnrollmentResponse },
    async handle({ services, context, params, body }) {
      const enrollment = await services.enrollments.create(context, params.instanceId, body);
      return { status: 201, body: renderEnrollment(enrollment) };
    },
  }),
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}/enrollments', operationId: 'listEnrollments', tag: TAG,
    summary: 'List enrollments for a program instance, filtered by status, tags, participation state, manufacturer, postal code prefix, overdue, a text search, and creation and update ranges', permission: 'enrollments:read',
    params: InstanceParams, query: ListEnrollmentsQuery, services: ['enrollments', 'deadlines'], responses: { 200: EnrollmentPage },
    async handle({ services, context, params, query }) {
      const { page: _page, perPage: _perPage, ...filterQuery } = query;
      const filter = await enrollmentFilterOf(filterQuery, { deadlines: services.deadlines, context, instanceId: params.instanceId });
      const page = await services.enrollments.list(context, params.instanceId, filter, pageRequest(query));
      return { status: 200, body: { ...page, data: page.data.map(renderEnrollment) } };
    },
  }),
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}/enrollments/export.csv', operationId: 'exportEnrollmentsCsv', tag: TAG,
    summary: 'Download the enrollments the list’s filters select as CSV (RFC 4180, UTF-8, CRLF; written page by page as it is read)',
    permission: 'enrollments:read', params: InstanceParams, query: ExportEnrollmentsQuery, services: ['enrollments', 'deadlines'],
    produces: 'text/csv', responses: { 200: Type.String({ description: 'A header row, then one row per enrollment in list order. Cells starting with = + - @ are prefixed with a single quote.' }) },
    responseHeaders: { 'Content-Disposition': 'attachment; filename="enrollments-<instanceId>.csv"' },
    async handle({ services, context, params, query }) {
      const filter = await enrollmentFilterOf(query, { deadlines: services.deadlines, context, instanceId: params.instanceId });
      const read = (page: number) => services.enrollments.list(context, params.instanceId, filter, { page, perPage: EXPORT_PAGE });
      // The first page is read before answering, so that a missing instance is a 404, not a cut download.
      const first = await read(1);
      return {
        status: 200,
        headers: { 'Content-Disposition': `attachment; filename="enrollments-${params.instanceId}.csv"` },
        stream: { contentType: 'text/csv; charset=utf-8', chunks: csvPages(first, read) },
      };
    },
  }),
  defineRoute({
    method: 'get', path: '/enrollments/{enrollmentId}', operationId: 'getEnrollment', tag: TAG,
    summary: 'Retrieve a specific enrollment', permission: 'enrollments:read',
    params: EnrollmentParams, query: NoQuery, services: ['enrollments'], responses: { 200: EnrollmentResponse },
    async handle({ services, context, params }) {
      return { status: 200, body: renderEnrollment(await services.enrollments.get(context, params.enrollmentId)) };
    },
  }),
  defineRoute({
    method: 'patch', path: '/enrollments/{enrollmentId}', operationId: 'updateEnrollment', tag: TAG,
    summary: 'Change an enrollment’s data and/or move its status', permission: 'enrollments:write',
    params: EnrollmentParams, query: NoQuery, body: UpdateEnrollmentBody, services: ['enrollments'], responses: { 200: EnrollmentResponse },
    async handle({ services, context, params, body }) {
      const { status, reason, ...changes } = withSeedNames(body);
      const enrollment = await services.enrollments.update(context, params.enrollmentId, {
        changes,
        ...(status === undefined ? {} : { status }),
        ...(reason === undefined ? {} : { reason }),
      });
      return { status: 200, body: renderEnrollment(enrollment) };
    },
  }),
  defineRoute({
    method: 'delete', path: '/enrollments/{enrollmentId}', operationId: 'deleteEnrollment', tag: TAG,
    summary: 'Delete an enrollment', permission: 'enrollments:write',
    params: EnrollmentParams, query: NoQuery, services: ['enrollments'], responses: { 204: null },
    async handle({ services, context, params }) {
      await services.enrollments.delete(context, params.enrollmentId);
      return { status: 204 };
    },
  }),
];

/** The header, then each page's rows as one chunk, the next page read only once the one before was handed on. */
async function* csvPages(first: Page<Enrollment>, read: (page: number) => Promise<Page<Enrollment>>): AsyncGenerator<string> {
  yield enrollmentCsvHeader();
  let page = first;
  for (let number = 1; ; number++) {
    if (number > 1) page = await read(number);
    if (page.data.length > 0) yield page.data.map(enrollmentCsvRow).join('');
    if (page.data.length < EXPORT_PAGE || number >= page.totalPages) return;
  }
}
