import { Type } from '@sinclair/typebox';
import { API_KEY_PERMISSIONS, EVENT_TYPES, WORKSPACE_EVENT_TYPES } from '@flexroll/core';
import { Address, closed, Cuid, DateTime, Nullable, PrefixedId, StringEnum, Text, WalkedListQuery, WalkedPageOf } from './common.js';



/** What GET /events lists: the enrollments' event types, and the workspace's own (`enrollmentId` and `seq` null). */
const LISTED_EVENT_TYPES = [...EVENT_TYPES, ...WORKSPACE_EVENT_TYPES];
const TYPE_ALTERNATIVES = LISTED_EVENT_TYPES.join('|').replaceAll('.', '\\.');

export const EventResponse = Type.Object(
  {
    id: Type.String(),
    type: StringEnum(LISTED_EVENT_TYPES),
    enrollmentId: Nullable(Cuid),
    seq: Nullable(Type.Integer({ minimum: 1 })),
    occurredAt: DateTime,
    actor: Type.Object({ type: StringEnum(['api_key', 'member', 'adapter', 'sweep', 'admin', 'system']), id: Type.String() }, closed),
    source: Type.String(),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  closed,
);
export const EventPage = WalkedPageOf(EventResponse);
export const ListEventsQuery = Type.Object(
  {
    ...WalkedListQuery,
    type: Type.Optional(Type.String({ pattern: `^(${TYPE_ALTERNATIVES})(,(${TYPE_ALTERNATIVES}))*$`, description: 'One or more event types, comma-separated' })),
    enrollmentId: Type.Optional(Cuid),
    occurredFrom: Type.Optional(DateTime),
    occurredTo: Type.Optional(DateTime),
  },
  closed,
);

const Permission = StringEnum(API_KEY_PERMISSIONS);
export const CreateApiKeyBody = Type.Object(
  { name: Text(100), mode: StringEnum(['live', 'test'] as const), permissions: Type.Array(Permission, { minItems: 1, uniqueItems: true }) },
  closed,
);
export const ApiKeyResponse = Type.Object(
  {
    id: PrefixedId('key'),
    name: Type.String(),
    type: StringEnum(['secret', 'scoped'] as const),
    mode: StringEnum(['live', 'test'] as const),
    permissions: Type.Array(Permission),
    displayPrefix: Type.String(),
    createdAt: DateTime,
    revokedAt: Type.Optional(DateTime),
    lastUsedAt: Type.Optional(DateTime),
    secret: Type.Optional(Type.String({ description: 'Returned once, when the key is created' })),
  },
  closed,
);
export const ApiKeyList = Type.Object({ data: Type.Array(ApiKeyResponse) }, closed);

const PersonEmail = Type.String({ format: 'email', maxLength: 254 });
const PersonPhone = Type.String({ pattern: '^\\+?[0-9 ()-]{4,20}$' });

/** A customer: first name, last name and email are required (seed 004). */
export const CreateCustomerBody = Type.Object(
  { firstName: Text(100), lastName: Text(100), email: PersonEmail, phone: Type.Optional(PersonPhone), address: Type.Optional(Address) },
  { ...closed, minProperties: 1 },
);

/** A lead: what is known of a prospective customer, which may be partial. */
export const CreateLeadBody = Type.Object(
  { firstName: Type.Optional(Text(100)), lastName: Type.Optional(Text(100)), email: Type.Optional(PersonEmail), phone: Type.Optional(PersonPhone), address: Type.Optional(Address) },
  { ...closed, minProperties: 1 },
);
export const PersonResponse = Type.Object(
  {
    id: Cuid,
    firstName: Type.Optional(Type.String()),
    lastName: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
    phone: Type.Optional(Type.String()),
    address: Type.Optional(Address),
    createdAt: DateTime,
  },
  closed,
);
