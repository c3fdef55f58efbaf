import { renderWebhookAttempt, renderWebhookEndpoint, renderWebhookMessage } from '../render/renderWebhooks.js';
import { closed, IdParams, NoQuery, PageQuery, PrefixedId } from '../schemas/common.js';
import {
  CreateWebhookEndpointBody, ListWebhookMessagesQuery, ReplayFailedBody, ReplayFailedResponse, UpdateWebhookEndpointBody, WebhookAttemptList,
  WebhookEndpointPage, WebhookEndpointResponse, WebhookMessagePage, WebhookMessageResponse,
} from '../schemas/webhookSchemas.js';
import { Type } from '@sinclair/typebox';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';
import { messageFilterOf } from './messageFilterOf.js';
import { pageRequest } from './queryHelpers.js';
import { readingWalkedList, walkedListForm } from './walkedListForm.js';

const EndpointParams = IdParams('endpointId', PrefixedId('whe'));
const MessageParams = Type.Object({ endpointId: PrefixedId('whe'), messageId: PrefixedId('msg') }, closed);
const PageOnly = Type.Object(PageQuery, closed);
const base = { tag: 'Webhooks', permission: 'webhooks:manage' } as const;

/** Webhook endpoints and their delivery log (docs/webhooks.md). */
export const webhookRoutes: readonly RouteDefinition[] = [
  defineRoute({
    ...base, method: 'post', path: '/webhook-endpoints', operationId: 'createWebhookEndpoint', summary: 'Create a webhook endpoint; its signing secret is shown once',
    query: NoQuery, body: CreateWebhookEndpointBody, services: ['webhookEndpoints'], responses: { 201: WebhookEndpointResponse },
    async handle({ services, context, body }) {
      const { endpoint, secret } = await services.webhookEndpoints.create(context, body);
      return { status: 201, body: renderWebhookEndpoint(endpoint, secret), shownOnce: ['secret'] };
    },
  }),
  defineRoute({
    ...base, method: 'get', path: '/webhook-endpoints', operationId: 'listWebhookEndpoints', summary: 'List the workspace’s webhook endpoints',
    query: PageOnly, services: ['webhookEndpoints'], responses: { 200: WebhookEndpointPage },
    async handle({ services, context, query }) {
      const page = await services.webhookEndpoints.list(context, pageRequest(query));
      return { status: 200, body: { ...page, data: page.data.map((endpoint) => renderWebhookEndpoint(endpoint)) } };
    },
  }),
  defineRoute({
    ...base, method: 'get', path: '/webhook-endpoints/{endpointId}', operationId: 'getWebhookEndpoint', summary: 'Retrieve a webhook endpoint',
    params: EndpointParams, query: NoQuery, services: ['webhookEndpoints'], responses: { 200: WebhookEndpointResponse },
    async handle({ services, context, params }) {
      return { status: 200, body: renderWebhookEndpoint(await services.webhookEndpoints.get(context, params.endpointId)) };
    },
  }),
  defineRoute({
    ...base, method: 'patch', path: '/webhook-endpoints/{endpointId}', operationId: 'updateWebhookEndpoint', summary: 'Change a webhook endpoint, or disable or enable it',
    params: EndpointParams, query: NoQuery, body: UpdateWebhookEndpointBody, services: ['webhookEndpoints'], responses: { 200: WebhookEndpointResponse },
    async handle({ services, context, params, body }) {
      return { status: 200, body: renderWebhookEndpoint(await services.webhookEndpoints.update(context, params.endpointId, body)) };
    },
  }),
  defineRoute({
    ...base, method: 'delete', path: '/webhook-endpoints/{endpointId}', operationId: 'deleteWebhookEndpoint', summary: 'Delete a webhook endpoint',
    params: EndpointParams, query: NoQuery, services: ['webhookEndpoints'], responses: { 204: null },
    async handle({ services, context, params }) {
      await services.webhookEndpoints.delete(context, params.endpointId);
      return { status: 204 };
    },
  }),
  defineRoute({
    ...base, method: 'post', path: '/webhook-endpoints/{endpointId}/rotate-secret', operationId: 'rotateWebhookSecret', summary: 'Rotate the signing secret; the previous one keeps signing for 24 h',
    params: EndpointParams, query: NoQuery, services: ['webhookEndpoints'], responses: { 200: WebhookEndpointResponse },
    async handle({ services, context, params }) {
      const { endpoint, secret } = await services.webhookEndpoints.rotateSecret(context, params.endpointId);
      return { status: 200, body: renderWebhookEndpoint(endpoint, secret), shownOnce: ['secret'] };
    },
  }),
  defineRoute({
    ...base, method: 'post', path: '/webhook-endpoints/{endpointId}/test', operationId: 'sendWebhookTest', summary: 'Send a webhook.test event to the endpoint',
    params: EndpointParams, query: NoQuery, services: ['webhookEndpoints'], responses: { 202: WebhookMessageResponse },
    async handle({ services, context, params }) {
      return { status: 202, body: renderWebhookMessage(await services.webhookEndpoints.sendTest(context, params.endpointId)) };
    },
  }),
  defineRoute({
    ...base, method: 'get', path: '/webhook-endpoints/{endpointId}/messages', operationId: 'listWebhookMessages', summary: 'List the endpoint’s messages, oldest first, filtered by state, event type, enrollment and creation time: by page for the first pages, by cursor for any',
    params: EndpointParams, query: ListWebhookMessagesQuery, services: ['webhookLog'], responses: { 200: WebhookMessagePage },
    async handle({ services, context, params, query }) {
      const filter = messageFilterOf(query);
      const form = walkedListForm(query);
      const page = await readingWalkedList(async () =>
        form.form === 'page'
          ? await services.webhookLog.listMessages(context, params.endpointId, filter, form.page)
          : await services.webhookLog.listMessagesAfter(context, params.endpointId, filter, form.limit, form.after),
      );
      return { status: 200, body: { ...page, data: page.data.map(renderWebhookMessage) } };
    },
  }),
  defineRoute({
    ...base, method: 'get', path: '/webhook-endpoints/{endpointId}/messages/{messageId}/attempts', operationId: 'listWebhookAttempts', summary: 'List a message’s delivery attempts',
    params: MessageParams, query: NoQuery, services: ['webhookLog'], responses: { 200: WebhookAttemptList },
    async handle({ services, context, params }) {
      const attempts = await services.webhookLog.listAttempts(context, params.endpointId, params.messageId);
      return { status: 200, body: { data: attempts.map(renderWebhookAttempt) } };
    },
  }),
  defineRoute({
    ...base, method: 'post', path: '/webhook-endpoints/{endpointId}/messages/{messageId}/replay', operationId: 'replayWebhookMessage', summary: 'Send a message again, as a new attempt series; 409 endpoint_disabled on a disabled endpoint',
    params: MessageParams, query: NoQuery, services: ['webhookLog'], responses: { 202: WebhookMessageResponse },
    async handle({ services, context, params }) {
      return { status: 202, body: renderWebhookMessage(await services.webhookLog.replay(context, params.endpointId, params.messageId)) };
    },
  }),
  defineRoute({
    ...base, method: 'post', path: '/webhook-endpoints/{endpointId}/replay-failed', operationId: 'replayFailedWebhookMessages', summary: 'Send again every failed message created since a time; 409 endpoint_disabled on a disabled endpoint',
    params: EndpointParams, query: NoQuery, body: ReplayFailedBody, services: ['webhookLog'], responses: { 202: ReplayFailedResponse },
    async handle({ services, context, params, body }) {
      return { status: 202, body: { replayed: await services.webhookLog.replayFailedSince(context, params.endpointId, body.since) } };
    },
  }),
];
