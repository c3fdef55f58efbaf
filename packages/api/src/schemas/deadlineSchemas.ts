import { Type } from '@sinclair/typebox';
import { DEADLINE_STATUSES, ISO_DURATION_PATTERN, MAX_DEADLINE_REASON_LENGTH, MAX_SNOOZE_DAYS, WAITING_ON } from '@flexroll/core';
import { PARTICIPATION_STATES } from '@flexroll/sdk';
import { closed, Cuid, DateTime, StringEnum, Text, WalkedListQuery, WalkedPageOf } from './common.js';

const commaList = (values: readonly string[], description: string) =>
  Type.Optional(Type.String({ pattern: `^(${values.join('|')})(,(${values.join('|')}))*$`, description }));

const Actor = Type.Object({ type: Type.String(), id: Type.String() }, closed);

/** A deadline of the overdue queue (issue 20), in the REST API's camelCase. */
export const DeadlineResponse = Type.Object(
  {
    id: Type.String({ pattern: '^dl_', description: '`dl_` and a hash of the participation, the state and when the step began' }),
    programInstanceId: Type.String(),
    enrollmentId: Type.String(),
    participationId: Type.String(),
    state: Type.String({ description: 'The state whose step the deadline is for' }),
    status: StringEnum(DEADLINE_STATUSES),
    waitingOn: StringEnum(WAITING_ON, { description: 'Who must act for the step to end' }),
    enteredAt: DateTime,
    expectedAt: Type.Optional(DateTime),
    dueSoonAt: Type.Optional(DateTime),
    closedAt: Type.Optional(DateTime),
    paused: Type.Optional(Type.Object({ since: DateTime, remainingMs: Type.Integer({ minimum: 0 }) }, closed)),
    acknowledgement: Type.Optional(Type.Object({ by: Actor, reason: Type.String(), at: DateTime }, closed)),
    snooze: Type.Optional(Type.Object({ by: Actor, reason: Type.String(), until: DateTime, at: DateTime }, closed)),
    updatedAt: DateTime,
  },
  closed,
);

const DeadlineCounts = Type.Object(
  Object.fromEntries(WAITING_ON.map((party) => [party, Type.Integer({ minimum: 0 })])),
  { ...closed, description: 'The actionable deadlines (due_soon and missed) in the scope per waitingOn; pending ones are not counted' },
);

/** A walked page of deadlines (page or cursor form) with the scope's counts. */
export const DeadlinePage = Type.Union(
  WalkedPageOf(DeadlineResponse).anyOf.map((form) => Type.Object({ ...form.properties, counts: DeadlineCounts }, closed)),
);

const deadlineFilters = {
  status: commaList(DEADLINE_STATUSES, 'One or more statuses, comma-separated; default the open ones: pending, due_soon, missed'),
  waitingOn: commaList(WAITING_ON, 'One or more parties, comma-separated'),
  state: commaList(PARTICIPATION_STATES, 'One or more participation states, comma-separated'),
  overdueBy: Type.Optional(Type.String({ pattern: ISO_DURATION_PATTERN, description: 'An ISO-8601 duration: only deadlines with expectedAt at or before now less it' })),
  snoozed: Type.Optional(StringEnum(['exclude', 'include'] as const, { description: 'Default exclude: a deadline snoozed until later is left out' })),
};

export const ListInstanceDeadlinesQuery = Type.Object({ ...WalkedListQuery, ...deadlineFilters }, closed);
export const ListDeadlinesQuery = Type.Object({ ...WalkedListQuery, ...deadlineFilters, programInstanceId: Type.Optional(Cuid) }, closed);

export const DeadlineParams = Type.Object({ deadlineId: Type.String({ pattern: '^dl_[A-Za-z0-9_-]{1,100}$' }) }, closed);

export const AcknowledgeDeadlineBody = Type.Object({ reason: Text(MAX_DEADLINE_REASON_LENGTH, 'Why, for whoever reads the queue next') }, closed);
export const SnoozeDeadlineBody = Type.Object(
  { reason: Text(MAX_DEADLINE_REASON_LENGTH, 'Why, for whoever reads the queue next'), until: Type.String({ format: 'date-time', description: `In the future, at most ${MAX_SNOOZE_DAYS} days from now` }) },
  closed,
);
