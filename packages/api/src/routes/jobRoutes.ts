import { Type } from '@sinclair/typebox';
import { FlexrollError } from '@flexroll/sdk';
import { MissingColumnsError } from '@flexroll/core';
import { ApiError } from '../http/ApiError.js';
import { renderJob } from '../render/renderJob.js';
import { closed, Cuid, IdParams, NoQuery, PageQuery } from '../schemas/common.js';
import { BulkActionBody, JobListQuery, JobPage, JobResponse, RowErrorPage } from '../schemas/jobSchemas.js';
import { enrollmentFilterOf } from './enrollmentFilterOf.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';
import { pageRequest } from './queryHelpers.js';

const InstanceParams = IdParams('instanceId', Cuid);
const JobParams = IdParams('jobId', Cuid);
const TAG = 'Jobs';

/**
 * Seed 004's Program Eligibility Screening at scale: a bulk import of candidates and bulk actions, both as
 * asynchronous jobs with progress, counts and a per-row error report.
 */
export const jobRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'post', path: '/programInstances/{instanceId}/imports', operationId: 'importEnrollments', tag: TAG,
    summary: 'Import candidate enrollments from a CSV or NDJSON file (a job)', permission: 'enrollments:write',
    params: InstanceParams, query: NoQuery, upload: { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson' }, services: ['jobs'], responses: { 202: JobResponse },
    async handle({ services, context, params, upload }) {
      try {
        const job = await services.jobs.receiveImport(context, params.instanceId, upload!);
        return { status: 202, body: renderJob(job) };
      } catch (error) {
        if (FlexrollError.is(error) && error.details[0]?.rule === 'max_size') throw new ApiError(413, 'body_too_large', error.message, error.details);
        // A header without a column every row needs breaks the file's schema, like a required field missing from a body.
        if (error instanceof MissingColumnsError) throw new ApiError(400, 'validation_failed', error.message, error.details);
        throw error;
      }
    },
  }),
  defineRoute({
    method: 'post', path: '/programInstances/{instanceId}/bulk-actions', operationId: 'startBulkAction', tag: TAG,
    summary: 'Approve, reject or unenroll a filtered set of enrollments, or screen them again (a job)', permission: 'enrollments:write',
    params: InstanceParams, query: NoQuery, body: BulkActionBody, services: ['jobs', 'deadlines'], responses: { 202: JobResponse },
    async handle({ services, context, params, body }) {
      if (body.where !== undefined && body.filter !== undefined) {
        throw new ApiError(400, 'validation_failed', 'Give where or filter, not both.', [{ field: '/body/filter', rule: 'exclusive', message: 'must not be given with where' }]);
      }
      const { status, ...where } = body.where ?? {};
      const filter = body.filter === undefined ? undefined : {
        query: body.filter as Record<string, string>,
        resolved: await enrollmentFilterOf(body.filter, { deadlines: services.deadlines, context, instanceId: params.instanceId }),
      };
      const job = await services.jobs.startBulk(context, params.instanceId, {
        action: body.action,
        ...(body.where === undefined ? {} : { where: { ...where, ...(status === undefined ? {} : { statuses: status }) } }),
        ...(filter === undefined ? {} : { filter }),
        ...(body.reason === undefined ? {} : { reason: body.reason }),
      });
      return { status: 202, body: renderJob(job) };
    },
  }),
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}/jobs', operationId: 'listJobs', tag: TAG,
    summary: 'List a program instance’s jobs, newest first (with key: the job an Idempotency-Key started)', permission: 'enrollments:read',
    params: InstanceParams, query: JobListQuery, services: ['jobs'], responses: { 200: JobPage },
    async handle({ services, context, params, query }) {
      const jobs = await services.jobs.list(context, params.instanceId, query.key);
      const page = pageRequest(query);
      const start = (page.page - 1) * page.perPage;
      const data = jobs.slice(start, start + page.perPage).map(renderJob);
      return { status: 200, body: { data, page: page.page, perPage: page.perPage, totalItems: jobs.length, totalPages: Math.ceil(jobs.length / page.perPage) } };
    },
  }),
  defineRoute({
    method: 'get', path: '/jobs/{jobId}', operationId: 'getJob', tag: TAG,
    summary: 'Retrieve a job: its status, progress and counts (and, when every row failed, the first errors)', permission: 'enrollments:read',
    params: JobParams, query: NoQuery, services: ['jobs'], responses: { 200: JobResponse },
    async handle({ services, context, params }) {
      return { status: 200, body: renderJob(await services.jobs.get(context, params.jobId)) };
    },
  }),
  defineRoute({
    method: 'get', path: '/jobs/{jobId}/errors', operationId: 'listJobErrors', tag: TAG,
    summary: 'The rows a job could not do: row number, field, rule and message, in row order', permission: 'enrollments:read',
    params: JobParams, query: Type.Object(PageQuery, closed), services: ['jobs'], responses: { 200: RowErrorPage },
    async handle({ services, context, params, query }) {
      return { status: 200, body: await services.jobs.errors(context, params.jobId, pageRequest(query)) };
    },
  }),
];
