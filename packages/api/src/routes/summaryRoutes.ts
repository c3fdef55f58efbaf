import { Cuid, IdParams, NoQuery } from '../schemas/common.js';
import { InstanceSummaryResponse } from '../schemas/summarySchemas.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';

/** The console's home: one program instance's counts, from what the platform keeps counted. */
export const summaryRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}/summary', operationId: 'getProgramInstanceSummary', tag: 'Enrollments',
    summary: 'A program instance’s home counts: enrollments by status and participation state, the funnel of seed 000’s steps, due deadlines by party, webhook health',
    permission: 'enrollments:read', params: IdParams('instanceId', Cuid), query: NoQuery, services: ['instanceSummaries'], responses: { 200: InstanceSummaryResponse },
    async handle({ services, context, params }) {
      const summary = await services.instanceSummaries.summary(context, params.instanceId);
      return { status: 200, body: { object: 'program_instance_summary', ...summary } };
    },
  }),
];
