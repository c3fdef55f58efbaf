import { expect } from 'chai';
import type { Enrollment } from '../Enrollment.js';
import type { Participation } from '../Participation.js';
import { projectEnrollment, type FoldableEvent } from '../projectEnrollment.js';
import type { Deadline } from './Deadline.js';

const AT = '2025-03-10T00:00:00.000Z';
const LATER = '2025-03-12T00:00:00.000Z';
const open: Deadline = {
  id: 'dl_open', state: 'AWAITING_CONSENT', enteredAt: AT, expectedAt: '2025-03-11T00:00:00.000Z', dueSoonAt: '2025-03-10T12:00:00.000Z',
  waitingOn: 'customer', alerts: true, status: 'pending', announced: {},
};
const last: Deadline = { ...open, id: 'dl_last', state: 'ENROLMENT_REQUESTED', status: 'met_late', closedAt: AT, announced: { missed: '2025-03-09T00:00:00.000Z' } };
const participation: Participation = {
  id: 'vpo_1', liveMode: true, deviceId: 'dev_1', locationId: 'loc_1', accountId: 'acc_1', state: 'AWAITING_CONSENT', suspensionReasons: [],
  history: [{ state: 'AWAITING_CONSENT', occurredAt: AT, suspensionReasons: [] }], meterAccessAvailable: false, deadlines: { open, last }, createdAt: AT, updatedAt: AT,
};
const enrollment: Enrollment = {
  id: 'enr_1', workspaceId: 'wsp_1', programInstanceId: 'pi_1', identificationType: 'customerInfo', eligibility: { status: 'candidate' },
  participation, createdAt: AT, updatedAt: AT, seq: 4,
};

const announce = (type: 'participation.deadline_due_soon' | 'participation.deadline_missed' | 'participation.deadline_met', deadline: Deadline): FoldableEvent =>
  ({ type, data: { participationId: 'vpo_1', deadline }, enrollmentId: 'enr_1', seq: 5, occurredAt: LATER });

describe('folding deadline alerts', () => {
  it('records due soon on the open deadline, moving seq and nothing else', () => {
    const folded = projectEnrollment(enrollment, [announce('participation.deadline_due_soon', open)])!;
    expect(folded.participation!.deadlines).to.deep.equal({ open: { ...open, status: 'due_soon', announced: { dueSoon: LATER } }, last });
    expect([folded.seq, folded.updatedAt, folded.participation!.updatedAt]).to.deep.equal([5, AT, AT]);
  });

  it('records the miss on the open deadline, keeping the due soon', () => {
    const announced = { ...enrollment, participation: { ...participation, deadlines: { open: { ...open, status: 'due_soon', announced: { dueSoon: AT } } } } } as Enrollment;
    const folded = projectEnrollment(announced, [announce('participation.deadline_missed', open)])!;
    expect(folded.participation!.deadlines!.open).to.deep.equal({ ...open, status: 'missed', announced: { dueSoon: AT, missed: LATER } });
  });

  it('records the met on the deadline closed last, which stays met_late', () => {
    const folded = projectEnrollment(enrollment, [announce('participation.deadline_met', last)])!;
    expect(folded.participation!.deadlines!.last).to.deep.equal({ ...last, announced: { ...last.announced, met: LATER } });
    expect(folded.participation!.deadlines!.open).to.equal(open);
  });

  it('changes nothing but seq for a deadline the participation no longer holds', () => {
    const folded = projectEnrollment(enrollment, [announce('participation.deadline_missed', { ...open, id: 'dl_gone' })])!;
    expect(folded).to.deep.equal({ ...enrollment, seq: 5 });
  });
});
