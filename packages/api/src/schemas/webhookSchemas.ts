import { Type } from '@sinclair/typebox';
import { DELIVERED_EVENT_TYPES, EVERY_EVENT_TYPE, WEBHOOK_EVENT_TYPES, WEBHOOK_MESSAGE_STATES } from '@flexroll/core';
import { closed, Cuid, DateTime, Nullable, PageOf, PrefixedId, StringEnum, Text, WalkedListQuery, WalkedPageOf } from './common.js';

const EventTypes = Type.Array(StringEnum([...WEBHOOK_EVENT_TYPES, EVERY_EVENT_TYPE], { description: 'An event type to deliver here' }), {
  minItems: 1, uniqueItems: true,
  description: `The event types to deliver here; ["${EVERY_EVENT_TYPE}"] alone: every type, those added later included`,
});
const Url = Type.String({ format: 'uri', maxLength: 2048, description: 'http or https; loopback, private, link-local, unique-local and metadata addresses are refused' });

export const CreateWebhookEndpointBody = Type.Object(
  { url: Url, eventTypes: EventTypes, description: Type.Optional(Text(500)), programInstanceId: Type.Optional(Cuid) },
  closed,
);
export const UpdateWebhookEndpointBody = Type.Object(
  {
    url: Type.Optional(Url),
    eventTypes: Type.Optional(EventTypes),
    description: Type.Optional(Nullable(Text(500))),
    programInstanceId: Type.Optional(Nullable(Cuid)),
    disabled: Type.Optional(Type.Boolean({ description: 'true disables the endpoint; false enables it again (and ends a failing streak)' })),
  },
  { ...closed, minProperties: 1 },
);
export const WebhookEndpointResponse = Type.Object(
  {
    id: PrefixedId('whe'),
    url: Type.String(),
    description: Type.Optional(Type.String()),
    eventTypes: Type.Array(Type.String()),
    programInstanceId: Type.Optional(Cuid),
    status: StringEnum(['enabled', 'disabled'] as const),
    disabledReason: Type.Optional(StringEnum(['manual', 'gone', 'failing'] as const, { description: 'manual: by you; gone: it answered 410; failing: five days without a success' })),
    disabledAt: Type.Optional(DateTime),
    failingSince: Type.Optional(DateTime),
    previousSecretExpiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'After a rotation: until then a previous secret signs too (each rotated-out secret signs for 24 h after its own rotation; this is the latest)' })),
    createdAt: DateTime,
    updatedAt: DateTime,
    secret: Type.Optional(Type.String({ pattern: '^whsec_', description: 'The signing secret: returned once, at creation and at rotation' })),
  },
  closed,
);
export const WebhookEndpointPage = PageOf(WebhookEndpointResponse);

export const WebhookMessageResponse = Type.Object(
  {
    id: PrefixedId('msg'),
    endpointId: PrefixedId('whe'),
    eventId: Type.String({ description: 'Also the webhook-id header and the payload’s id' }),
    type: Type.String(),
    enrollmentId: Nullable(Type.String()),
    seq: Nullable(Type.Integer({ minimum: 1 })),
    state: StringEnum(WEBHOOK_MESSAGE_STATES),
    attempts: Type.Integer({ minimum: 0, description: 'Attempts in the current series (since the last replay, or since creation)' }),
    series: Type.Integer({ minimum: 1, description: 'The current attempt series: 1, and one more for each replay' }),
    totalAttempts: Type.Integer({ minimum: 0, description: 'Attempts over every series' }),
    nextAttemptAt: Type.Optional(DateTime),
    lastAttemptAt: Type.Optional(DateTime),
    lastStatusCode: Type.Optional(Type.Integer()),
    deliveredAt: Type.Optional(DateTime),
    createdAt: DateTime,
    payload: Type.Record(Type.String(), Type.Unknown(), { description: 'The body every attempt sends' }),
  },
  closed,
);
export const WebhookMessagePage = WalkedPageOf(WebhookMessageResponse);
export const ListWebhookMessagesQuery = Type.Object(
  {
    ...WalkedListQuery,
    state: Type.Optional(StringEnum(WEBHOOK_MESSAGE_STATES)),
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: `One or more event types, comma-separated: ${DELIVERED_EVENT_TYPES.join(', ')}` })),
    enrollmentId: Type.Optional(Cuid),
    createdFrom: Type.Optional(Type.String({ format: 'date-time', description: 'Messages created at or after this time' })),
    createdTo: Type.Optional(Type.String({ format: 'date-time', description: 'Messages created at or before this time (not before createdFrom)' })),
  },
  closed,
);

export const WebhookAttemptResponse = Type.Object(
  {
    id: PrefixedId('att'),
    attempt: Type.Integer({ minimum: 1, description: 'Numbered over every series' }),
    series: Type.Integer({ minimum: 1, description: 'The attempt series it belongs to: 1 from creation, one more for each replay' }),
    startedAt: DateTime,
    finishedAt: Type.Optional(DateTime),
    outcome: Type.Optional(StringEnum(['succeeded', 'failed', 'abandoned'] as const)),
    statusCode: Type.Optional(Type.Integer()),
    latencyMs: Type.Optional(Type.Integer({ minimum: 0 })),
    responseBody: Type.Optional(Type.String({ maxLength: 1024, description: 'The first 1024 characters of the answer' })),
    error: Type.Optional(Type.String()),
    nextAttemptAt: Type.Optional(DateTime),
  },
  closed,
);
export const WebhookAttemptList = Type.Object({ data: Type.Array(WebhookAttemptResponse) }, closed);
export const ReplayFailedBody = Type.Object({ since: DateTime }, closed);
export const ReplayFailedResponse = Type.Object({ replayed: Type.Integer({ minimum: 0 }) }, closed);
