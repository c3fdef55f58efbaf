import { etagOf, type EnrollmentFilter } from '@flexroll/core';
import type { EnrollmentStatus } from '@flexroll/sdk';
import { renderEnrollment } from '../render/renderEnrollment.js';
import { Cuid, IdParams, NoQuery } from '../schemas/common.js';
import { CreateEnrollmentBody, EnrollmentPage, EnrollmentResponse, ListEnrollmentsQuery, UpdateEnrollmentBody } from '../schemas/enrollmentSchemas.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';
import { pageRequest, splitList } from './queryHelpers.js';
import { withSeedNames } from './eligibilityAliases.js';

const InstanceParams = IdParams('instanceId', Cuid);
const EnrollmentParams = IdParams('enrollmentId', Cuid);
const TAG = 'Enrollments';

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
    summary: 'List enrollments for a program instance', permission: 'enrollments:read',
    params: InstanceParams, query: ListEnrollmentsQuery, services: ['enrollments'], responses: { 200: EnrollmentPage },
    async handle({ services, context, params, query }) {
      const { status, tags, referenceId, createdFrom, createdTo, updatedFrom, updatedTo } = query;
      const filter: EnrollmentFilter = {
        ...(status === undefined ? {} : { statuses: splitList(status) as EnrollmentStatus[] }),
        ...(tags === undefined ? {} : { tags: splitList(tags) }),
        ...defined({ referenceId, createdFrom, createdTo, updatedFrom, updatedTo }),
      };
      const page = await services.enrollments.list(context, params.instanceId, filter, pageRequest(query));
      return { status: 200, body: { ...page, data: page.data.map(renderEnrollment) } };
    },
  }),
  defineRoute({
    method: 'get', path: '/enrollments/{enrollmentId}', operationId: 'getEnrollment', tag: TAG,
    summary: 'Retrieve a specific enrollment', permission: 'enrollments:read',
    params: EnrollmentParams, query: NoQuery, services: ['enrollments'], responses: { 200: EnrollmentResponse }, etag: 'answers',
    async handle({ services, context, params }) {
      const enrollment = await services.enrollments.get(context, params.enrollmentId);
      return { status: 200, body: renderEnrollment(enrollment), headers: { ETag: etagOf(enrollment.seq) } };
    },
  }),
  defineRoute({
    method: 'patch', path: '/enrollments/{enrollmentId}', operationId: 'updateEnrollment', tag: TAG,
    summary: 'Change an enrollment’s data and/or move its status', permission: 'enrollments:write',
    params: EnrollmentParams, query: NoQuery, body: UpdateEnrollmentBody, services: ['enrollments'], responses: { 200: EnrollmentResponse }, etag: 'checks',
    async handle({ services, context, params, body }) {
      const { status, reason, ...changes } = withSeedNames(body);
      const enrollment = await services.enrollments.update(context, params.enrollmentId, {
        changes,
        ...(status === undefined ? {} : { status }),
        ...(reason === undefined ? {} : { reason }),
      });
      return { status: 200, body: renderEnrollment(enrollment), headers: { ETag: etagOf(enrollment.seq) } };
    },
  }),
  defineRoute({
    method: 'delete', path: '/enrollments/{enrollmentId}', operationId: 'deleteEnrollment', tag: TAG,
    summary: 'Delete an enrollment', permission: 'enrollments:write',
    params: EnrollmentParams, query: NoQuery, services: ['enrollments'], responses: { 204: null }, etag: 'checks',
    async handle({ services, context, params }) {
      await services.enrollments.delete(context, params.enrollmentId);
      return { status: 204 };
    },
  }),
];

/** The entries whose value is given. */
function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
