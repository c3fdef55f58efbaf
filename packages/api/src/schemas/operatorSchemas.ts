import { Type } from '@sinclair/typebox';
import { PARTICIPATION_STATES } from '@flexroll/sdk';
import { closed, Cuid, DateTime, PageOf, PageQuery, PrefixedId, StringEnum } from './common.js';
import { DriftBody } from './participationSchemas.js';

const State = StringEnum(PARTICIPATION_STATES);

/** One participation of an instance in drift: Flexroll's state, the operator's statuses, and since when they disagree. */
export const DriftingParticipationResponse = Type.Object(
  {
    participationId: PrefixedId('vpo'),
    enrollmentId: Cuid,
    state: State,
    nativeStatuses: Type.Array(Type.Object({ name: Type.String(), value: Type.String(), since: DateTime, observedAt: DateTime }, closed)),
    drift: DriftBody,
  },
  closed,
);
export const DriftPage = PageOf(DriftingParticipationResponse);
export const DriftQuery = Type.Object(PageQuery, closed);

/** One side effect owed to the instance's adapter: telling it of one participation move, or of a participation's creation. */
export const AdapterOutboxItemResponse = Type.Object(
  {
    id: Type.String({ pattern: '^obx_[0-9a-z]+$' }),
    adapterId: Type.String(),
    enrollmentId: Cuid,
    participationId: PrefixedId('vpo'),
    seq: Type.Integer({ minimum: 1 }),
    operation: Type.Optional(StringEnum(['onParticipationCreated'] as const, { description: 'Present on an item that tells the adapter of a creation (it has no move); absent: `onParticipationChanged`' })),
    move: Type.Optional(Type.Object({ trigger: Type.String(), from: State, to: State }, closed)),
    status: StringEnum(['pending', 'delivered', 'dead'] as const),
    attempts: Type.Integer({ minimum: 0 }),
    attemptLimit: Type.Integer({ minimum: 1 }),
    nextAttemptAt: DateTime,
    lastError: Type.Optional(Type.String()),
    createdAt: DateTime,
    updatedAt: DateTime,
    deliveredAt: Type.Optional(DateTime),
  },
  closed,
);
export const AdapterOutboxPage = PageOf(AdapterOutboxItemResponse);
export const AdapterOutboxQuery = Type.Object(
  { ...PageQuery, status: Type.Optional(StringEnum(['pending', 'delivered', 'dead'] as const, { description: 'Which items; `dead` (the default) lists the dead letters' })) },
  closed,
);
export const AdapterOutboxItemParams = Type.Object({ instanceId: Cuid, itemId: Type.String({ pattern: '^obx_[0-9a-z]{1,64}$' }) }, closed);
