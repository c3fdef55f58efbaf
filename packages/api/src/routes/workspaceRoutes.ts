
import type { EventType, WorkspaceEventType } from '@flexroll/core';
import { renderApiKey, renderEvent, withoutWorkspace } from '../render/renderOthers.js';
import { IdParams, NoQuery, PrefixedId } from '../schemas/common.js';
import { ApiKeyList, ApiKeyResponse, CreateApiKeyBody, CreateCustomerBody, CreateLeadBody, EventPage, ListEventsQuery, PersonResponse } from '../schemas/otherSchemas.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';
import { splitList } from './queryHelpers.js';
import { readingWalkedList, walkedListForm } from './walkedListForm.js';

/** Events (the audit trail), scoped API keys, and the customers and leads enrollments refer to. */
export const workspaceRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'get', path: '/events', operationId: 'listEvents', tag: 'Events', summary: 'List the workspace’s events in the order they were recorded: by page for the first pages, by cursor for any',
    permission: 'events:read', query: ListEventsQuery, services: ['events'], responses: { 200: EventPage },
    async handle({ services, context, query }) {
      const filter = {
        ...(query.type === undefined ? {} : { types: splitList(query.type) as (EventType | WorkspaceEventType)[] }),
        ...(query.enrollmentId === undefined ? {} : { enrollmentId: query.enrollmentId }),
        ...(query.programInstanceId === undefined ? {} : { programInstanceId: query.programInstanceId }),
        ...(query.occurredFrom === undefined ? {} : { occurredFrom: query.occurredFrom }),
        ...(query.occurredTo === undefined ? {} : { occurredTo: query.occurredTo }),
      };
      const form = walkedListForm(query);
      const page = await readingWalkedList(async () =>
        form.form === 'page' ? await services.events.list(context, filter, form.page) : await services.events.listAfter(context, filter, form.limit, form.after),
      );
      return { status: 200, body: { ...page, data: page.data.map(renderEvent) } };
    },
  }),
  defineRoute({
    method: 'get', path: '/api-keys', operationId: 'listApiKeys', tag: 'API keys', summary: 'List the workspace’s API keys (never their secrets)',
    permission: 'api_keys:manage', query: NoQuery, services: ['apiKeys'], responses: { 200: ApiKeyList },
    async handle({ services, context, key: caller }) {
      const keys = await services.apiKeys.list(context.workspaceId, caller);
      return { status: 200, body: { data: keys.map((key) => renderApiKey(key)) } };
    },
  }),
  defineRoute({
    method: 'post', path: '/api-keys', operationId: 'createApiKey', tag: 'API keys', summary: 'Create a scoped key; its secret is shown once',
    permission: 'api_keys:manage', query: NoQuery, body: CreateApiKeyBody, services: ['apiKeys'], responses: { 201: ApiKeyResponse },
    async handle({ services, context, body, key: caller }) {
      const { key, secret } = await services.apiKeys.create(context.workspaceId, { ...body, type: 'scoped' }, caller, context.operation);
      return { status: 201, body: renderApiKey(key, secret), shownOnce: ['secret'] };
    },
  }),
  defineRoute({
    method: 'delete', path: '/api-keys/{keyId}', operationId: 'revokeApiKey', tag: 'API keys', summary: 'Revoke a key',
    permission: 'api_keys:manage', params: IdParams('keyId', PrefixedId('key')), query: NoQuery, services: ['apiKeys'], responses: { 200: ApiKeyResponse },
    async handle({ services, context, params, key: caller }) {
      return { status: 200, body: renderApiKey(await services.apiKeys.revoke(context.workspaceId, params.keyId, caller)) };
    },
  }),
  defineRoute({
    method: 'post', path: '/customers', operationId: 'createCustomer', tag: 'Customers and leads', summary: 'Create a customer (for identificationType customerId)',
    permission: 'enrollments:write', query: NoQuery, body: CreateCustomerBody, services: ['people'], responses: { 201: PersonResponse },
    async handle({ services, context, body }) {
      return { status: 201, body: withoutWorkspace(await services.people.createCustomer(context, body)) };
    },
  }),
  defineRoute({
    method: 'post', path: '/leads', operationId: 'createLead', tag: 'Customers and leads', summary: 'Create a lead (for identificationType leadId)',
    permission: 'enrollments:write', query: NoQuery, body: CreateLeadBody, services: ['people'], responses: { 201: PersonResponse },
    async handle({ services, context, body }) {
      return { status: 201, body: withoutWorkspace(await services.people.createLead(context, body)) };
    },
  }),
];

