import { EnrollmentService, type EnrollmentChanges, type EnrollmentFilter } from '@flexroll/core';
import type { EnrollmentStatus } from '@flexroll/sdk';
import { renderEnrollment } from '../render/renderEnrollment.js';
import { Cuid, IdParams, NoQuery } from '../schemas/common.js';
import { CreateEnrollmentBody, EnrollmentPage, EnrollmentResponse, ListEnrollmentsQuery, UpdateEnrollmentBody } from '../schemas/enrollmentSchemas.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';
import { pageRequest, splitList } from './queryHelpers.js';

const InstanceParams = IdParams('instanceId', Cuid);
const EnrollmentParams = IdParams('enrollmentId', Cuid);
const TAG = 'Enrollments';

/** Seed 004's four endpoints, at seed 004's paths, and PATCH to change data and move status by the rules. */
export const enrollmentRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'post', path: '/programInstances/{instanceId}/enrollments', operationId: 'createEnrollment', tag: TAG,
    summary: 'Create an enrollment for a program instance', permission: 'enrollments:write',
    params: InstanceParams, query: NoQuery, body: CreateEnrollmentBody, responses: { 201: EnrollmentResponse },
    async handle({ container, context, params, body }) {
      const enrollment = await container.get(EnrollmentService).create(context, params.instanceId!, body as never);
      return { status: 201, body: renderEnrollment(enrollment) };
    },
  }),
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}/enrollments', operationId: 'listEnrollments', tag: TAG,
    summary: 'List enrollments for a program instance', permission: 'enrollments:read',
    params: InstanceParams, query: ListEnrollmentsQuery, responses: { 200: EnrollmentPage },
    async handle({ container, context, params, query }) {
      const filter: EnrollmentFilter = {
        ...(query.status === undefined ? {} : { statuses: splitList(query.status) as EnrollmentStatus[] }),
        ...(query.tags === undefined ? {} : { tags: splitList(query.tags) }),
        ...pick(query, ['referenceId', 'createdFrom', 'createdTo', 'updatedFrom', 'updatedTo']),
      };
      const page = await container.get(EnrollmentService).list(context, params.instanceId!, filter, pageRequest(query));
      return { status: 200, body: { ...page, data: page.data.map(renderEnrollment) } };
    },
  }),
  defineRoute({
    method: 'get', path: '/enrollments/{enrollmentId}', operationId: 'getEnrollment', tag: TAG,
    summary: 'Retrieve a specific enrollment', permission: 'enrollments:read',
    params: EnrollmentParams, query: NoQuery, responses: { 200: EnrollmentResponse },
    async handle({ container, context, params }) {
      return { status: 200, body: renderEnrollment(await container.get(EnrollmentService).get(context, params.enrollmentId!)) };
    },
  }),
  defineRoute({
    method: 'patch', path: '/enrollments/{enrollmentId}', operationId: 'updateEnrollment', tag: TAG,
    summary: 'Change an enrollment’s data and/or move its status', permission: 'enrollments:write',
    params: EnrollmentParams, query: NoQuery, body: UpdateEnrollmentBody, responses: { 200: EnrollmentResponse },
    async handle({ container, context, params, body }) {
      const { status, reason, ...changes } = body as EnrollmentChanges & { status?: EnrollmentStatus; reason?: string };
      const enrollment = await container.get(EnrollmentService).update(context, params.enrollmentId!, {
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
    params: EnrollmentParams, query: NoQuery, responses: { 204: null },
    async handle({ container, context, params }) {
      await container.get(EnrollmentService).delete(context, params.enrollmentId!);
      return { status: 204 };
    },
  }),
];

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, String(source[key])]));
}
