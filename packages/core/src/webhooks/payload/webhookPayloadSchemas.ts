import { CUSTOMER_DATA_FIELDS, ENROLLMENT_STATUSES, PARTICIPATION_STATES, PARTICIPATION_TRIGGERS, SUSPENSION_REASONS } from '@flexroll/sdk';
import { DEADLINE_STATUSES, ENROLLMENT_RESPONSE_SCHEMA, type EventType, WAITING_ON } from '../../enrollments/index.js';
import { TEST_EVENT, ENDPOINT_DISABLED_EVENT } from './webhookEventTypes.js';

type Schema = Readonly<Record<string, unknown>>;

const time = { type: 'string', format: 'date-time' } as const;
const text = { type: 'string' } as const;
/** Every object whose fields the platform fixes is closed, as every REST response schema is. */
const closed = { additionalProperties: false } as const;
const snapshot = {
  type: 'object', ...closed,
  required: ['state', 'suspensionReasons'],
  properties: { state: { enum: [...PARTICIPATION_STATES] }, suspensionReasons: { type: 'array', items: { enum: [...SUSPENSION_REASONS] } } },
} as const;
const changes = { type: 'object', description: 'Changed enrollment fields (seed 004 names); null means the field was removed', additionalProperties: true } as const;

/** The enrollment as `GET /enrollments/{id}` answers it: the REST response schema itself, not a copy. */
const enrollmentObject = { ...ENROLLMENT_RESPONSE_SCHEMA, description: 'The enrollment as GET /enrollments/{id} shows it (seed 004 field names)' };

/** A deadline as `publicDeadline` shows it: the moments that are set, nothing the platform keeps to decide its alerts. */
const deadline = {
  type: 'object', ...closed,
  required: ['id', 'state', 'waitingOn', 'status', 'enteredAt'],
  properties: {
    id: { type: 'string', pattern: '^dl_', description: 'The deadline’s id: the same for the whole step, whatever is announced' },
    state: { enum: [...PARTICIPATION_STATES], description: 'The state whose step the deadline is for' },
    waitingOn: { enum: [...WAITING_ON], description: 'Who must act for the step to end' },
    status: { enum: [...DEADLINE_STATUSES], description: 'Where the deadline stands once this event is taken into account' },
    enteredAt: { ...time, description: 'When the step began' },
    expectedAt: { ...time, description: 'When the step is expected to be over; absent while the clock is paused' },
    dueSoonAt: { ...time, description: 'When participation.deadline_due_soon is due; absent while the clock is paused' },
    closedAt: { ...time, description: 'When the participation left the state (closed deadlines only)' },
    paused: {
      type: 'object', ...closed, required: ['since', 'remainingMs'], description: 'While the clock is paused: since when, and how much time was left',
      properties: { since: time, remainingMs: { type: 'integer', minimum: 0 } },
    },
  },
} as const;
const deadlineAlert = (description: string) => ({
  type: 'object', ...closed, description,
  required: ['participationId', 'deadline'],
  properties: { participationId: text, deadline },
});

/**
 * Each event type's `data`, as JSON Schema (2020-12), as strict as the REST answers: every object whose fields the
 * platform fixes is closed, and the enrollment is the REST response schema, so a body that drifts from `GET /events`
 * fails validation. Open only where the content is open by nature (`changes`, `facts`, an operator's statuses).
 * Keyed by every type the enrollment log holds, so a new event type does not compile without its schema.
 */
export const WEBHOOK_DATA_SCHEMAS: Readonly<Record<EventType | typeof ENDPOINT_DISABLED_EVENT | typeof TEST_EVENT, Schema>> = {
  'enrollment.created': { type: 'object', ...closed, required: ['enrollment'], properties: { enrollment: enrollmentObject } },
  'enrollment.updated': {
    type: 'object', ...closed, required: ['changes', 'previous'],
    properties: { changes, previous: changes, enrollment: { ...enrollmentObject, description: 'The whole enrollment as the change left it (seed 004 field names)' } },
  },
  'enrollment.status_changed': {
    type: 'object', ...closed, required: ['from', 'to'],
    properties: {
      from: { enum: [...ENROLLMENT_STATUSES] }, to: { enum: [...ENROLLMENT_STATUSES] }, reason: text, enrollmentStartDate: time,
      ruleVersion: { type: 'integer', minimum: 1, description: 'When the platform’s eligibility evaluation made the move: the rules version it used' },
      failedRules: { type: 'array', items: text, description: 'With ruleVersion, on a move to ineligible: the rules that failed' },
    },
  },
  'enrollment.deleted': { type: 'object', ...closed, properties: { reason: text } },
  'enrollment.eligibility_evaluated': {
    type: 'object', ...closed, required: ['ruleVersion', 'eligible', 'reason', 'failedRules'],
    properties: { ruleVersion: { type: 'integer', minimum: 1 }, eligible: { type: 'boolean' }, reason: text, failedRules: { type: 'array', items: text } },
  },
  'enrollment.eligible_notified': {
    type: 'object', ...closed, required: ['ruleVersion', 'reason', 'programInstanceId'],
    properties: { ruleVersion: { type: 'integer', minimum: 1 }, reason: text, programInstanceId: text },
  },
  'enrollment.submitted': {
    type: 'object', ...closed, required: ['programInstanceId', 'slug', 'locale', 'email', 'firstName', 'lastName', 'statusLinkEmailed'],
    properties: {
      programInstanceId: text, slug: text, locale: { ...text, description: 'The locale the customer used (BCP 47): write to them in it' }, email: text, firstName: text, lastName: text,
      statusLinkEmailed: { type: 'boolean', description: 'Whether the platform e-mailed the status link (FLEXROLL_SMTP_URL set); if not, mint one with POST /enrollments/{id}/status-links' },
    },
  },
  'participation.operator_event': {
    type: 'object', ...closed, required: ['participationId', 'adapterId', 'via', 'type', 'stream', 'occurredAt', 'outcome'],
    properties: {
      participationId: text, adapterId: text, via: { enum: ['webhook', 'api', 'sync'] }, type: text, stream: text, occurredAt: time,
      sequence: { type: 'integer' }, eventId: text, outcome: { enum: ['applied', 'stale', 'duplicate', 'ignored', 'refused'] },
      nativeStatuses: { type: 'object', additionalProperties: text }, references: { type: 'array', items: { type: 'object', ...closed, required: ['kind', 'value'], properties: { kind: text, value: text } } }, note: text,
    },
  },
  'participation.state_changed': {
    type: 'object', ...closed, required: ['participationId', 'trigger', 'from', 'to'],
    properties: { participationId: text, trigger: { enum: [...PARTICIPATION_TRIGGERS, 'criteria_changed'] }, from: snapshot, to: snapshot, reason: text },
  },
  'participation.updated': { type: 'object', ...closed, required: ['participationId', 'facts'], properties: { participationId: text, facts: { type: 'object', additionalProperties: true } } },
  'adapter.failed': { type: 'object', ...closed, required: ['adapterId', 'operation', 'code', 'message'], properties: { adapterId: text, operation: text, code: text, message: text } },
  'adapter.customer_data_shared': {
    type: 'object', ...closed, required: ['adapterId', 'operation', 'fields'],
    properties: { adapterId: text, operation: text, fields: { type: 'array', items: { enum: [...CUSTOMER_DATA_FIELDS] }, description: 'The names of the fields handed over, never their values' } },
  },
  'enrollment.device_released': { type: 'object', ...closed, required: ['serialNumber', 'claimedBy', 'reason'], properties: { serialNumber: text, claimedBy: text, reason: text } },
  'participation.deadline_due_soon': deadlineAlert('The open deadline is within the instance’s lead time of its expectedAt'),
  'participation.deadline_missed': deadlineAlert('The open deadline’s expectedAt has passed and the participation is still in its state'),
  'participation.deadline_met': deadlineAlert('A deadline whose miss was announced was met after all (status met_late)'),
  [ENDPOINT_DISABLED_EVENT]: {
    type: 'object', ...closed, required: ['endpointId', 'url', 'reason', 'disabledAt'],
    properties: { endpointId: text, url: text, reason: { enum: ['gone', 'failing'] }, disabledAt: time, failingSince: time },
  },
  [TEST_EVENT]: { type: 'object', ...closed, required: ['endpointId', 'message'], properties: { endpointId: text, message: text } },
};

/** The whole body of one event type's delivery: the envelope with that type's `data`. */
export function webhookPayloadSchema(type: string): Schema {
  const data = (WEBHOOK_DATA_SCHEMAS as Readonly<Record<string, Schema>>)[type];
  if (data === undefined) throw new Error(`No payload schema for event type '${type}'`);
  const enrollmentLevel = type !== TEST_EVENT && type !== ENDPOINT_DISABLED_EVENT;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://flexroll.dev/schemas/webhooks/${type}.json`,
    title: type,
    type: 'object',
    ...closed,
    required: ['id', 'type', 'timestamp', 'enrollmentId', 'seq', 'data'],
    properties: {
      id: { type: 'string', pattern: '^evt_', description: 'The event id; also the webhook-id header. Deduplicate by it.' },
      type: { const: type },
      timestamp: { ...time, description: 'When the event occurred' },
      enrollmentId: enrollmentLevel ? { ...text, description: 'The enrollment the event belongs to' } : { type: 'null' },
      seq: enrollmentLevel ? { type: 'integer', minimum: 1, description: 'The enrollment’s own event number: gap-free from 1, delivered in order per endpoint' } : { type: 'null' },
      data,
    },
  };
}

