import { renderCustomerMail } from '../render/renderCustomerMail.js';
import { Cuid, IdParams, NoQuery } from '../schemas/common.js';
import { CustomerMailPage, CustomerMailParams, CustomerMailQuery, CustomerMailResponse } from '../schemas/customerMailSchemas.js';
import { pageRequest } from './queryHelpers.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';

const TAG = 'Program instances';

/**
 * The e-mails an instance's enrollment page owes its customers (issue 22), as the adapter outbox's routes are for its
 * adapter: the dead letters (given up after every attempt), and sending one again. The permissions are the
 * enrollments' (the mails are about them, and show a masked address), not the instance's.
 */
export const customerMailRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}/customer-mail', operationId: 'listCustomerMail', tag: TAG,
    summary: 'List the e-mails owed to the instance’s self-enrolled customers (by default the dead letters: given up after every attempt)',
    permission: 'enrollments:read', params: IdParams('instanceId', Cuid), query: CustomerMailQuery, services: ['customerMail'], responses: { 200: CustomerMailPage },
    async handle({ services, context, params, query }) {
      const page = await services.customerMail.list(context, params.instanceId, query.status ?? 'dead', pageRequest(query));
      return { status: 200, body: { ...page, data: page.data.map(renderCustomerMail) } };
    },
  }),
  defineRoute({
    method: 'post', path: '/programInstances/{instanceId}/customer-mail/{mailId}/retry', operationId: 'retryCustomerMail', tag: TAG,
    summary: 'Send a dead customer e-mail again, with a fresh allowance of attempts',
    permission: 'enrollments:write', params: CustomerMailParams, query: NoQuery, services: ['customerMail'], responses: { 200: CustomerMailResponse },
    async handle({ services, context, params }) {
      return { status: 200, body: renderCustomerMail(await services.customerMail.retry(context, params.instanceId, params.mailId)) };
    },
  }),
];
