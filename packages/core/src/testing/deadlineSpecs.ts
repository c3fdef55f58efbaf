import { expect } from 'chai';
import type { ParticipationState } from '@flexroll/sdk';
import { deadlineId, publicEventData, type Deadline, type EnrollmentEvent } from '../enrollments/index.js';
import { harnessOn, type CoreHarness } from './CoreHarness.js';
import { driveToActive } from './journeys.js';
import { SUZIE_CUSTOMER_INFO, suzieWithDevice } from '../seeds/seedExamples.js';
import type { StoreUnderTest } from './StoreUnderTest.js';
import type { CallContext } from '../platform/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const plus = (time: string, ms: number): string => new Date(Date.parse(time) + ms).toISOString();

/**
 * Deadlines (issue 20) as the log keeps them, on every store: each move carries the terms of the step it begins,
 * the participation's fold opens and closes them, and the projection the store keeps is that fold.
 */
export function deadlineSpecs(store: () => StoreUnderTest): void {
  let h: CoreHarness;
  beforeEach(() => {
    h = harnessOn(store());
  });

  /** The state changes of an enrollment's log, oldest first. */
  const moves = async (context: CallContext, enrollmentId: string) => {
    const events = await h.events.list(context, { enrollmentId }, { page: 1, perPage: 100 });
    return events.data.filter((event): event is Extract<EnrollmentEvent, { type: 'participation.state_changed' }> => event.type === 'participation.state_changed');
  };
  /** The participation's deadlines as the store's projection has them. */
  const deadlinesOf = async (context: CallContext, enrollmentId: string) => (await h.enrollments.get(context, enrollmentId)).participation?.deadlines;
  const pending = (state: ParticipationState, enteredAt: string, participationId: string) => ({ id: deadlineId(participationId, state, enteredAt), state, enteredAt, status: 'pending', announced: {} });

  it('gives a new participation the deadline of its first step, and each move closes one and opens the next', async () => {
    const { context, instance } = await h.tenant();
    const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
    const pid = created.participation!.id;
    const start = created.createdAt;
    expect(created.participation!.deadlines).to.deep.equal({ open: { ...pending('ENROLMENT_REQUESTED', start, pid), expectedAt: plus(start, 5 * MINUTE), waitingOn: 'workspace', alerts: true } });

    h.clock.advance(MINUTE);
    await h.participations.trigger(context, pid, { trigger: 'consent_requested' });
    const asked = plus(start, MINUTE);
    const consent = { ...pending('AWAITING_CONSENT', asked, pid), expectedAt: plus(asked, 3 * DAY), dueSoonAt: plus(asked, 2 * DAY), waitingOn: 'customer', alerts: true };
    expect(await deadlinesOf(context, created.id)).to.deep.equal({
      open: consent,
      last: { ...pending('ENROLMENT_REQUESTED', start, pid), expectedAt: plus(start, 5 * MINUTE), waitingOn: 'workspace', alerts: true, status: 'met', closedAt: asked },
    });

    h.clock.advance(4 * DAY);
    await h.participations.grantConsent(context, pid, { grantedAt: h.clock.now().toISOString(), termsVersion: '2025-01' });
    const granted = h.clock.now().toISOString();
    expect(await deadlinesOf(context, created.id)).to.deep.equal({
      open: { ...pending('AWAITING_TELEMETRY', granted, pid), expectedAt: plus(granted, DAY), waitingOn: 'customer', alerts: true },
      last: { ...consent, status: 'met_late', closedAt: granted },
    });
    const [first, second] = await moves(context, created.id);
    const { status: _status, announced: _announced, ...consentTerms } = consent;
    expect(first?.data.deadline, 'the move carries the terms it opened').to.deep.equal(consentTerms);
    expect(second?.data.deadline?.state).to.equal('AWAITING_TELEMETRY');
  });

  it('shows none of it outside: an event’s public data, like its webhook body, has no deadline', async () => {
    const { context, instance } = await h.tenant();
    const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
    await h.participations.trigger(context, created.participation!.id, { trigger: 'consent_requested' });
    const [move] = await moves(context, created.id);
    expect(move?.data.deadline).to.not.equal(undefined);
    expect(publicEventData(move!)).to.not.have.property('deadline');
    expect(publicEventData(move!)).to.have.keys('participationId', 'trigger', 'from', 'to');
  });

  it('pauses a SUSPENDED clock while the operator holds it, resumes it for the time left, and keeps one deadline for the step', async () => {
    const { context, instance } = await h.tenant();
    const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
    const pid = active.participation!.id;
    await h.participations.trigger(context, pid, { trigger: 'suspension_raised', suspensionReason: 'AWAITING_DISPATCH' });
    const suspended = h.clock.now().toISOString();
    const step = { ...pending('SUSPENDED', suspended, pid), waitingOn: 'operator', alerts: true };
    expect((await deadlinesOf(context, active.id))?.open).to.deep.equal({ ...step, expectedAt: plus(suspended, DAY) });

    h.clock.advance(6 * HOUR);
    await h.participations.trigger(context, pid, { trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST' });
    const held = h.clock.now().toISOString();
    expect((await deadlinesOf(context, active.id))?.open).to.deep.equal({ ...step, paused: { since: held, remainingMs: 18 * HOUR, leadTimeMs: 0 } });

    h.clock.advance(10 * DAY);
    await h.participations.trigger(context, pid, { trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' });
    const released = h.clock.now().toISOString();
    expect((await deadlinesOf(context, active.id))?.open).to.deep.equal({ ...step, expectedAt: plus(released, 18 * HOUR) });

    h.clock.advance(HOUR);
    await h.participations.trigger(context, pid, { trigger: 'suspension_cleared', suspensionReason: 'AWAITING_DISPATCH' });
    const deadlines = await deadlinesOf(context, active.id);
    expect(deadlines).to.deep.equal({ last: { ...step, expectedAt: plus(released, 18 * HOUR), status: 'met', closedAt: h.clock.now().toISOString() } });
  });

  it('fixes terms when a step begins: a change of the instance’s settings applies from the next step, not to a deadline open', async () => {
    const { context, instance } = await h.tenant('Leap Energy', { expectedDurations: { AWAITING_CONSENT: 'P2D' }, deadlines: { leadTime: 'PT6H' } });
    const created = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-TERMS'));
    const pid = created.participation!.id;
    await h.participations.trigger(context, pid, { trigger: 'consent_requested' });
    const asked = h.clock.now().toISOString();
    const before = (await deadlinesOf(context, created.id))?.open;
    expect(before).to.deep.include({ expectedAt: plus(asked, 2 * DAY), dueSoonAt: plus(asked, 2 * DAY - 6 * HOUR), alerts: true });

    await h.instances.update(context, instance.id, { expectedDurations: { AWAITING_CONSENT: 'PT1H', AWAITING_TELEMETRY: 'PT12H' }, deadlines: { leadTime: 'PT2H', alertStates: ['SUSPENDED'] } });
    expect((await deadlinesOf(context, created.id))?.open, 'the open deadline keeps its terms').to.deep.equal(before);
    h.clock.advance(HOUR);
    await h.participations.grantConsent(context, pid, { grantedAt: h.clock.now().toISOString(), termsVersion: '2025-01' });
    const granted = h.clock.now().toISOString();
    expect((await deadlinesOf(context, created.id))?.open).to.deep.include({ state: 'AWAITING_TELEMETRY', expectedAt: plus(granted, 12 * HOUR), dueSoonAt: plus(granted, 10 * HOUR), alerts: false });
    expect((await deadlinesOf(context, created.id))?.last).to.deep.include({ state: 'AWAITING_CONSENT', status: 'met', expectedAt: plus(asked, 2 * DAY) });
  });

  it('counts the operator’s no as its step done, and gives enrolment starting over on new site properties a new first deadline', async () => {
    const { context, instance } = await h.tenant();
    const created = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-AGAIN'));
    const pid = created.participation!.id;
    await h.participations.trigger(context, pid, { trigger: 'consent_requested' });
    await h.participations.trigger(context, pid, { trigger: 'consent_granted' });
    await h.participations.recordTelemetry(context, pid, h.clock.now().toISOString());
    await h.participations.trigger(context, pid, { trigger: 'control_confirmed' });
    await h.enrollments.update(context, created.id, { status: 'eligible' });
    h.clock.advance(DAY);
    const rejected = await h.enrollments.update(context, created.id, { status: 'rejected', reason: 'Failed verification' });
    expect(rejected.participation?.state).to.equal('INELIGIBLE');
    expect(rejected.participation?.deadlines?.open).to.equal(undefined);
    expect(rejected.participation?.deadlines?.last).to.deep.include({ state: 'AWAITING_REGISTRATION', status: 'met', waitingOn: 'operator', closedAt: h.clock.now().toISOString() });

    h.clock.advance(DAY);
    const again = await h.enrollments.update(context, created.id, { changes: { manufacturerSlugs: ['tesla'] } });
    const restarted = h.clock.now().toISOString();
    expect(again.participation?.state).to.equal('ENROLMENT_REQUESTED');
    expect(again.participation?.deadlines?.open).to.deep.equal({ ...pending('ENROLMENT_REQUESTED', restarted, pid), expectedAt: plus(restarted, 5 * MINUTE), waitingOn: 'workspace', alerts: true });
    expect(again.participation?.deadlines?.last?.state, 'INELIGIBLE had none to close').to.equal('AWAITING_REGISTRATION');
  });

  it('waits on the operator while a participation winds down, and on the platform once its rewards are settled', async () => {
    const { context, instance } = await h.tenant();
    const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
    const pid = active.participation!.id;
    await h.participations.trigger(context, pid, { trigger: 'leave_requested' });
    expect((await deadlinesOf(context, active.id))?.open).to.deep.include({ state: 'UNENROLMENT_REQUESTED', waitingOn: 'operator' });
    await h.participations.trigger(context, pid, { trigger: 'notice_served' });
    const winding = (await deadlinesOf(context, active.id))?.open;
    expect(winding).to.deep.include({ state: 'WINDING_DOWN', waitingOn: 'operator', expectedAt: plus(h.clock.now().toISOString(), 30 * DAY) });
    h.clock.advance(DAY);
    await h.participations.markRewardsSettled(context, pid, h.clock.now().toISOString());
    expect((await deadlinesOf(context, active.id))?.open).to.deep.equal({ ...(winding as Deadline), waitingOn: 'platform' });
  });
}
