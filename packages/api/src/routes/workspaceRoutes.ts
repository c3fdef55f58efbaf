
import { ApiKeyService, EventService, PeopleService, type EventType } from '@flexroll/core';
import { renderApiKey, renderEvent, withoutWorkspace } from '../render/renderOthers.js';
import { IdParams, NoQuery, PrefixedId } from '../schemas/common.js';
import { ApiKeyList, ApiKeyResponse, CreateApiKeyBody, CreatePersonBody, EventPage, ListEventsQuery, PersonResponse } from '../schemas/otherSchemas.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';
import { pageRequest, splitList } from './queryHelpers.js';

/** Events (the audit trail), scoped API keys, and the customers and leads enrollments refer to. */
export const workspaceRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/events', operationId: 'listEvents', tag: 'Events', summary: 'List the workspace’s events, oldest first',
    permission: 'events:read', query: ListEventsQuery, responses: { 200: EventPage },
    async handle({ container, context, query }) {
      const filter = {
        ...(query.type === undefined ? {} : { types: splitList(query.type) as EventType[] }),
        ...(query.enrollmentId === undefined ? {} : { enrollmentId: String(query.enrollmentId) }),
        ...(query.occurredFrom === undefined ? {} : { occurredFrom: String(query.occurredFrom) }),
        ...(query.occurredTo === undefined ? {} : { occurredTo: String(query.occurredTo) }),
      };
      const page = await container.get(EventService).list(context, filter, pageRequest(query));
      return { status: 200, body: { ...page, data: page.data.map(renderEvent) } };
    },
  }),
  defineRoute({
    method: 'get', path: '/api-keys', operationId: 'listApiKeys', tag: 'API keys', summary: 'List the workspace’s API keys (never their secrets)',
    permission: 'api_keys:manage', query: NoQuery, responses: { 200: ApiKeyList },
    async handle({ container, context }) {
      const keys = await container.get(ApiKeyService).list(context.workspaceId);
      return { status: 200, body: { data: keys.map((key) => renderApiKey(key)) } };
    },
  }),
  defineRoute({
    method: 'post', path: '/api-keys', operationId: 'createApiKey', tag: 'API keys', summary: 'Create a scoped key; its secret is shown once',
    permission: 'api_keys:manage', query: NoQuery, body: CreateApiKeyBody, responses: { 201: ApiKeyResponse },
    async handle({ container, context, body }) {
      const input = body as { name: string; mode: 'live' | 'test'; permissions: never[] };
      const { key, secret } = await container.get(ApiKeyService).create(context.workspaceId, { ...input, type: 'scoped' });
      return { status: 201, body: renderApiKey(key, secret) };
    },
  }),
  defineRoute({
    method: 'delete', path: '/api-keys/{keyId}', operationId: 'revokeApiKey', tag: 'API keys', summary: 'Revoke a key',
    permission: 'api_keys:manage', params: IdParams('keyId', PrefixedId('key')), query: NoQuery, responses: { 200: ApiKeyResponse },
    async handle({ container, context, params }) {
      return { status: 200, body: renderApiKey(await container.get(ApiKeyService).revoke(context.workspaceId, params.keyId!)) };
    },
  }),
  defineRoute({
    method: 'post', path: '/customers', operationId: 'createCustomer', tag: 'Customers and leads', summary: 'Create a customer (for identificationType customerId)',
    permission: 'enrollments:write', query: NoQuery, body: CreatePersonBody(true), responses: { 201: PersonResponse },
    async handle({ container, context, body }) {
      return { status: 201, body: withoutWorkspace(await container.get(PeopleService).createCustomer(context, body as never)) };
    },
  }),
  defineRoute({
    method: 'post', path: '/leads', operationId: 'createLead', tag: 'Customers and leads', summary: 'Create a lead (for identificationType leadId)',
    permission: 'enrollments:write', query: NoQuery, body: CreatePersonBody(false), responses: { 201: PersonResponse },
    async handle({ container, context, body }) {
      return { status: 201, body: withoutWorkspace(await container.get(PeopleService).createLead(context, body as never)) };
    },
  }),
];

