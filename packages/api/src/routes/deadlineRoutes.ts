import type { CallContext, DeadlineQuery, DeadlineService, DeadlineStatus, WaitingOn } from '@flexroll/core';
import type { ParticipationState } from '@flexroll/sdk';
import { renderDeadline } from '../render/renderDeadline.js';
import { Cuid, IdParams, NoQuery } from '../schemas/common.js';
import { AcknowledgeDeadlineBody, DeadlinePage, DeadlineParams, DeadlineResponse, ListDeadlinesQuery, ListInstanceDeadlinesQuery, SnoozeDeadlineBody } from '../schemas/deadlineSchemas.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';
import { splitList } from './queryHelpers.js';
import { readingWalkedList, walkedListForm } from './walkedListForm.js';

const InstanceParams = IdParams('instanceId', Cuid);
const TAG = 'Deadlines';
const base = { tag: TAG } as const;

/** The overdue queue (issue 20): a program instance's or the workspace's deadlines, one deadline, acknowledge, snooze. */
export const deadlineRoutes: readonly RouteDefinition[] = [
  defineRoute({
    ...base, method: 'get', path: '/programInstances/{instanceId}/deadlines', operationId: 'listInstanceDeadlines', permission: 'enrollments:read',
    summary: 'List a program instance’s deadlines, most overdue first (paused ones last), filtered by status, waitingOn, state and overdueBy, with the counts of what is due per waitingOn',
    params: InstanceParams, query: ListInstanceDeadlinesQuery, services: ['deadlines'], responses: { 200: DeadlinePage },
    async handle({ services, context, params, query }) {
      return { status: 200, body: await listDeadlines(services.deadlines, context, { ...queryOf(query), programInstanceId: params.instanceId }, query) };
    },
  }),
  defineRoute({
    ...base, method: 'get', path: '/deadlines', operationId: 'listDeadlines', permission: 'enrollments:read',
    summary: 'List the workspace’s deadlines, most overdue first (paused ones last), with the same filters plus programInstanceId, and the counts of what is due per waitingOn',
    query: ListDeadlinesQuery, services: ['deadlines'], responses: { 200: DeadlinePage },
    async handle({ services, context, query }) {
      const filters = { ...queryOf(query), ...(query.programInstanceId === undefined ? {} : { programInstanceId: query.programInstanceId }) };
      return { status: 200, body: await listDeadlines(services.deadlines, context, filters, query) };
    },
  }),
  defineRoute({
    ...base, method: 'get', path: '/deadlines/{deadlineId}', operationId: 'getDeadline', permission: 'enrollments:read', summary: 'Retrieve a deadline',
    params: DeadlineParams, query: NoQuery, services: ['deadlines'], responses: { 200: DeadlineResponse },
    async handle({ services, context, params }) {
      return { status: 200, body: renderDeadline(await services.deadlines.get(context, params.deadlineId)) };
    },
  }),
  defineRoute({
    ...base, method: 'post', path: '/deadlines/{deadlineId}/acknowledge', operationId: 'acknowledgeDeadline', permission: 'enrollments:write',
    summary: 'Note that someone has seen a deadline and is on it; changes nothing about the participation or its events',
    params: DeadlineParams, query: NoQuery, body: AcknowledgeDeadlineBody, services: ['deadlines'], responses: { 200: DeadlineResponse },
    async handle({ services, context, params, body }) {
      return { status: 200, body: renderDeadline(await services.deadlines.acknowledge(context, params.deadlineId, body.reason)) };
    },
  }),
  defineRoute({
    ...base, method: 'post', path: '/deadlines/{deadlineId}/snooze', operationId: 'snoozeDeadline', permission: 'enrollments:write',
    summary: 'Leave a deadline out of the queue’s lists until a time (in the future, within 365 days); changes nothing about the participation or its events',
    params: DeadlineParams, query: NoQuery, body: SnoozeDeadlineBody, services: ['deadlines'], responses: { 200: DeadlineResponse },
    async handle({ services, context, params, body }) {
      return { status: 200, body: renderDeadline(await services.deadlines.snooze(context, params.deadlineId, body.reason, body.until)) };
    },
  }),
];


/** The filters of a validated list query, as the core takes them. */
function queryOf(query: { readonly status?: string; readonly waitingOn?: string; readonly state?: string; readonly overdueBy?: string; readonly snoozed?: 'exclude' | 'include' }): DeadlineQuery {
  return {
    ...(query.status === undefined ? {} : { statuses: splitList(query.status) as DeadlineStatus[] }),
    ...(query.waitingOn === undefined ? {} : { waitingOn: splitList(query.waitingOn) as WaitingOn[] }),
    ...(query.state === undefined ? {} : { states: splitList(query.state) as ParticipationState[] }),
    ...(query.overdueBy === undefined ? {} : { overdueBy: query.overdueBy }),
    ...(query.snoozed === undefined ? {} : { snoozed: query.snoozed }),
  };
}

async function listDeadlines(service: DeadlineService, context: CallContext, filters: DeadlineQuery, query: Record<string, unknown>): Promise<Record<string, unknown>> {
  const form = walkedListForm(query);
  const page = await readingWalkedList(async () => (form.form === 'page' ? await service.list(context, filters, form.page) : await service.listAfter(context, filters, form.limit, form.after)));
  return { ...page, data: page.data.map(renderDeadline) };
}
