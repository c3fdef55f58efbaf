import { renderDrifting, renderOutboxItem } from '../render/renderOperators.js';
import { Cuid, IdParams, NoQuery } from '../schemas/common.js';
import { AdapterOutboxItemParams, AdapterOutboxItemResponse, AdapterOutboxPage, AdapterOutboxQuery, DriftPage, DriftQuery } from '../schemas/operatorSchemas.js';
import { pageRequest } from './queryHelpers.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';

const TAG = 'Operator adapters';

/** What an instance's adapter is owed and where the operator's view has drifted from Flexroll's. */
export const operatorAdapterRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}/drift', operationId: 'listDrift', tag: TAG,
    summary: 'List the instance’s participations whose operator statuses have disagreed with their state for longer than the adapter allows',
    permission: 'participations:read', params: IdParams('instanceId', Cuid), query: DriftQuery, services: ['drift'], responses: { 200: DriftPage },
    async handle({ services, context, params, query }) {
      const page = await services.drift.list(context, params.instanceId, pageRequest(query));
      return { status: 200, body: { ...page, data: page.data.map(renderDrifting) } };
    },
  }),
  defineRoute({
    method: 'get', path: '/programInstances/{instanceId}/adapter-outbox', operationId: 'listAdapterOutbox', tag: TAG,
    summary: 'List the side effects owed to the instance’s adapter (by default the dead letters: given up after every attempt)',
    permission: 'program_instances:read', params: IdParams('instanceId', Cuid), query: AdapterOutboxQuery, services: ['adapterOutbox'], responses: { 200: AdapterOutboxPage },
    async handle({ services, context, params, query }) {
      const page = await services.adapterOutbox.list(context, params.instanceId, query.status ?? 'dead', pageRequest(query));
      return { status: 200, body: { ...page, data: page.data.map(renderOutboxItem) } };
    },
  }),
  defineRoute({
    method: 'post', path: '/programInstances/{instanceId}/adapter-outbox/{itemId}/retry', operationId: 'retryAdapterOutboxItem', tag: TAG,
    summary: 'Send a dead letter to the adapter again, with a fresh allowance of attempts',
    permission: 'program_instances:write', params: AdapterOutboxItemParams, query: NoQuery, services: ['adapterOutbox'], responses: { 200: AdapterOutboxItemResponse },
    async handle({ services, context, params }) {
      return { status: 200, body: renderOutboxItem(await services.adapterOutbox.retry(context, params.instanceId, params.itemId)) };
    },
  }),
];
