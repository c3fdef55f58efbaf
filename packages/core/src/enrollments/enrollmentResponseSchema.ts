import { Type } from '@sinclair/typebox';
import { ENROLLMENT_STATUSES } from '@flexroll/sdk';
import { CUID_PATTERN } from '../platform/index.js';
import { IDENTIFICATION_TYPES } from './Enrollment.js';
import { ENROLLMENT_RESPONSE_FIELDS } from './enrollmentInputSchema.js';
import { DEADLINE_STATUSES, WAITING_ON } from './deadlines/Deadline.js';

const closed = { additionalProperties: false } as const;
const StringEnum = <T extends readonly string[]>(values: T, options: { description?: string } = {}) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
const Cuid = Type.String({ pattern: CUID_PATTERN, description: 'A CUID, e.g. cllgn0u4r000008l7eazybfbo' });
const DateTime = Type.String({ format: 'date-time' });
const Status = StringEnum(ENROLLMENT_STATUSES);

/** A deadline as anyone outside the platform sees it (`publicDeadline`): the step, who must act, its moments and status (docs/deadlines.md). */
export const PUBLIC_DEADLINE_SCHEMA = Type.Object(
  {
    id: Type.String({ pattern: '^dl_' }),
    state: Type.String(),
    status: StringEnum(DEADLINE_STATUSES),
    waitingOn: StringEnum(WAITING_ON),
    enteredAt: DateTime,
    expectedAt: Type.Optional(DateTime),
    dueSoonAt: Type.Optional(DateTime),
    closedAt: Type.Optional(DateTime),
    paused: Type.Optional(Type.Object({ since: DateTime, remainingMs: Type.Integer({ minimum: 0 }) }, closed)),
  },
  closed,
);

/**
 * An enrollment as the API returns it (what {@link publicEnrollment} renders): seed 004's sample response, plus the
 * participation's id and times. Closed, like every response schema. The REST routes, the OpenAPI document, the
 * webhook payload schemas and the AsyncAPI document all use this one schema.
 */
export const ENROLLMENT_RESPONSE_SCHEMA = Type.Object(
  {
    id: Cuid,
    identificationType: StringEnum(IDENTIFICATION_TYPES),
    programInstanceId: Cuid,
    ...ENROLLMENT_RESPONSE_FIELDS,
    eligibility: Type.Object(
      { status: Status, reason: Type.Optional(Type.String()), ruleVersion: Type.Optional(Type.Integer({ description: 'The eligibility rules version whose evaluation gave this status or reason' })), programInstanceId: Cuid },
      closed,
    ),
    eligibilityStatus: StringEnum(ENROLLMENT_STATUSES, { description: 'The same as `eligibility.status` (seed 004’s data model)' }),
    eligibilityReason: Type.Optional(Type.String({ description: 'The same as `eligibility.reason` (seed 004’s data model)' })),
    participationId: Type.Optional(Type.String()),
    deadline: Type.Union([PUBLIC_DEADLINE_SCHEMA, Type.Null()], { description: 'The participation’s open deadline (issue 20): the step in progress and when it is expected to end; null when none' }),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  closed,
);
