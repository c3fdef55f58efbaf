import { expect } from 'chai';
import { compileSchema } from '../../platform/index.js';
import type { Deadline, Enrollment, EnrollmentEvent } from '../../enrollments/index.js';
import { DELIVERED_EVENT_TYPES } from './webhookEventTypes.js';
import { payloadOfEvent } from './webhookPayload.js';
import { webhookPayloadSchema } from './webhookPayloadSchemas.js';

const at = '2025-01-01T09:00:10.000Z';
/** The record the log keeps in `enrollment.created`: the workspace and the whole participation with it. */
const RECORD: Omit<Enrollment, 'seq'> = {
  id: 'cllgn0u4r000008l7eazybfbo', workspaceId: 'wsp_7c2f1a9e4b0d8f3a6e2c5d10', programInstanceId: 'cllgn0u4r000008l7eazybfbp', identificationType: 'customerInfo',
  firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com', serialNumber: '1234567890',
  eligibility: { status: 'candidate' },
  participation: {
    id: 'vpo_7c2f1a9e4b0d8f3a6e2c5d10', liveMode: true, deviceId: 'dev_1', locationId: 'loc_1', accountId: 'acc_1', state: 'ENROLMENT_REQUESTED', suspensionReasons: [],
    history: [{ state: 'ENROLMENT_REQUESTED', occurredAt: at, suspensionReasons: [] }], meterAccessAvailable: false, createdAt: at, updatedAt: at,
  },
  createdAt: at, updatedAt: at,
};
const created = {
  id: 'evt_1', workspaceId: RECORD.workspaceId, enrollmentId: RECORD.id, seq: 1, type: 'enrollment.created', occurredAt: at, actor: { type: 'api_key', id: 'key_1' }, source: 'api',
  data: { enrollment: RECORD }, batch: { id: 'bat_1', index: 0, size: 1 },
} as EnrollmentEvent;

describe('webhookPayloadSchema', () => {
  // Without its $id: the one validator keeps schemas by id, and the cross-package specs compile the published one.
  const { $id: _id, ...published } = webhookPayloadSchema('enrollment.created');
  const check = compileSchema(published);

  it('accepts an enrollment.created body as it is sent: the enrollment as the API shows it', () => {
    const payload = payloadOfEvent(created);
    expect(check(payload)).to.deep.equal([]);
    expect((payload.data as { enrollment: unknown }).enrollment).to.deep.include({ participationId: 'vpo_7c2f1a9e4b0d8f3a6e2c5d10', eligibilityStatus: 'candidate' });
  });

  it('refuses a body that carries the internal record, naming its fields', () => {
    const leaky = { ...payloadOfEvent(created), data: created.data };
    expect(check(leaky).map((issue) => issue.field)).to.include.members(['/data/enrollment/workspaceId', '/data/enrollment/participation']);
  });

  it('shows a deadline alert’s deadline without what the platform keeps to decide its alerts, and accepts it', () => {
    const deadline: Deadline = {
      id: 'dl_0f3a', state: 'AWAITING_CONSENT', enteredAt: at, expectedAt: '2025-01-03T09:00:10.000Z', dueSoonAt: '2025-01-02T09:00:10.000Z', waitingOn: 'customer', alerts: true,
      status: 'missed', announced: { missed: '2025-01-03T09:00:10.000Z' },
    };
    const missed = { ...created, seq: 7, type: 'participation.deadline_missed', data: { participationId: RECORD.participation!.id, deadline } } as EnrollmentEvent;
    const { $id: _missedId, ...schema } = webhookPayloadSchema('participation.deadline_missed');
    const payload = payloadOfEvent(missed);
    expect(payload.data).to.deep.equal({
      participationId: RECORD.participation!.id,
      deadline: { id: 'dl_0f3a', state: 'AWAITING_CONSENT', waitingOn: 'customer', status: 'missed', enteredAt: at, expectedAt: '2025-01-03T09:00:10.000Z', dueSoonAt: '2025-01-02T09:00:10.000Z' },
    });
    expect(compileSchema(schema)(payload)).to.deep.equal([]);
    expect(compileSchema(schema)({ ...payload, data: missed.data }).map((issue) => issue.field), 'the recorded deadline is refused').to.include.members(['/data/deadline/alerts', '/data/deadline/announced']);
  });

  it('closes every event type’s envelope and data, as the REST answers are', () => {
    for (const type of DELIVERED_EVENT_TYPES) {
      const schema = webhookPayloadSchema(type) as { additionalProperties: unknown; properties: { data: { additionalProperties: unknown } } };
      expect([schema.additionalProperties, schema.properties.data.additionalProperties], type).to.deep.equal([false, false]);
    }
  });
});
