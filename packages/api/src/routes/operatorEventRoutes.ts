import { Type } from '@sinclair/typebox';
import { closed, Cuid, IdParams, NoQuery, PrefixedId } from '../schemas/common.js';
import { ParticipationResponse } from '../schemas/participationSchemas.js';
import { CONTENT_LANGUAGE_HEADER, participationResponse } from './participationResponse.js';
import { defineRoute, type RouteDefinition } from './RouteDefinition.js';

const OperatorEventBody = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 100, description: 'One of the event types the instance’s adapter declares' }),
    participation_id: PrefixedId('vpo'),
    payload: Type.Unknown({ description: 'Validated against the adapter’s schema for this type' }),
  },
  { ...closed, required: ['type', 'participation_id', 'payload'] },
);

/** Inbound events from a program instance's operator, mapped by its adapter. */
export const operatorEventRoutes: readonly RouteDefinition[] = [
  defineRoute({
    method: 'post', path: '/programInstances/{instanceId}/operator-events', operationId: 'receiveOperatorEvent', tag: 'Operator events',
    summary: 'Accept an operator’s event about a participation', permission: 'operator_events:write',
    params: IdParams('instanceId', Cuid), query: NoQuery, body: OperatorEventBody, services: ['operatorEvents'], responses: { 200: ParticipationResponse }, responseHeaders: CONTENT_LANGUAGE_HEADER,
    async handle({ services, context, params, body, vocabulary, acceptLanguage }) {
      const record = await services.operatorEvents.receive(context, params.instanceId, {
        type: body.type,
        participationId: body.participation_id,
        payload: body.payload,
      });
      return participationResponse(record, vocabulary, acceptLanguage);
    },
  }),
];
