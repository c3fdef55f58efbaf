import { expect } from 'chai';
import { FlexrollError, IllegalTransitionError, InputError } from '@flexroll/sdk';
import { harnessOn, type CoreHarness } from './CoreHarness.js';
import { driveToActive } from './journeys.js';
import { SUZIE_CUSTOMER_INFO, suzieWithDevice, suzieWithoutDevice } from '../seeds/seedExamples.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const HOUR = 3_600_000;

/** What every store must do for the core's enrollment rules to hold. */
export function behaviourSpecs(store: () => StoreUnderTest): void {
  let h: CoreHarness;
  beforeEach(() => {
    h = harnessOn(store());
  });

  describe('creating an enrollment', () => {
    it('enrolls Suzie Homeowner with customerInfo as a candidate with a participation and one event', async () => {
      const { context, instance } = await h.tenant();
      const enrollment = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
      expect(enrollment).to.include({ firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com', programInstanceId: instance.id, seq: 1 });
      expect(enrollment.id).to.match(/^[a-z][a-z0-9]{24}$/);
      expect(enrollment.eligibility).to.deep.equal({ status: 'candidate' });
      expect(enrollment.customerId, 'customerInfo brings everything itself').to.equal(undefined);
      expect(enrollment.participation).to.include({ state: 'ENROLMENT_REQUESTED', liveMode: true });
      expect(enrollment.participation!.id).to.match(/^vpo_[0-9a-f]{24}$/);
      const events = await h.events.list(context, { enrollmentId: enrollment.id }, { page: 1, perPage: 10 });
      expect(events.data.map((event) => [event.type, event.seq])).to.deep.equal([['enrollment.created', 1]]);
    });

    it('names every field an identification type is missing', async () => {
      const { context, instance } = await h.tenant();
      const attempt = h.enrollments.create(context, instance.id, { identificationType: 'customerInfo', firstName: 'Suzie' });
      const error = await attempt.then(() => undefined, (caught: unknown) => caught);
      expect(error).to.be.instanceOf(InputError);
      expect((error as InputError).details.map((issue) => issue.field)).to.deep.equal(['/lastName', '/email']);
    });

    it('fills a customerId enrollment from the customer and refuses a customer of another workspace', async () => {
      const { context, instance } = await h.tenant();
      const other = await h.tenant('Other Utility');
      const customer = await h.people.createCustomer(context, { firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com' });
      const enrollment = await h.enrollments.create(context, instance.id, { identificationType: 'customerId', customerId: customer.id });
      expect(enrollment).to.include({ customerId: customer.id, firstName: 'Suzie', email: 'suzie.homeowner@example.com' });
      const foreign = await h.enrollments.create(other.context, other.instance.id, { identificationType: 'customerId', customerId: customer.id }).catch((e: unknown) => e);
      expect(foreign).to.be.instanceOf(InputError).with.property('details').that.deep.includes({ field: '/customerId', rule: 'exists', message: 'no customer with this id in this workspace' });
    });

    it('fills a leadId enrollment from the lead', async () => {
      const { context, instance } = await h.tenant();
      const lead = await h.people.createLead(context, { firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com' });
      const enrollment = await h.enrollments.create(context, instance.id, { identificationType: 'leadId', leadId: lead.id });
      expect(enrollment).to.include({ leadId: lead.id, lastName: 'Homeowner' });
    });

    it('re-enrolls from an earlier enrollment as a new enrollment carrying its data', async () => {
      const { context, instance } = await h.tenant();
      const first = await h.enrollments.create(context, instance.id, suzieWithoutDevice());
      const again = await h.enrollments.create(context, instance.id, { identificationType: 'enrollmentId', enrollmentId: first.id, tags: ['2026'] });
      expect(again.id).to.not.equal(first.id);
      expect(again).to.include({ enrollmentId: first.id, firstName: 'Suzie', referenceId: '1234567890' });
      expect(again.tags).to.deep.equal(['2026']);
      expect(again.address).to.deep.equal(first.address);
    });

    it('allows one active enrollment per device per program instance', async () => {
      const { context, instance } = await h.tenant();
      const first = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
      const second = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO).catch((e: unknown) => e);
      expect(FlexrollError.is(second) && second.code).to.equal('device_already_enrolled');
      await h.enrollments.delete(context, first.id);
      const third = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
      expect(third.serialNumber).to.equal('1234567890');
    });
  });

  describe('moving an enrollment without a device', () => {
    it('follows candidate → eligible → submitted → approved → unenrolled, setting enrollmentStartDate on approval', async () => {
      const { context, instance } = await h.tenant();
      const { id } = await h.enrollments.create(context, instance.id, suzieWithoutDevice());
      await h.enrollments.update(context, id, { status: 'eligible', reason: 'In service territory' });
      await h.enrollments.update(context, id, { status: 'submitted' });
      const approved = await h.enrollments.update(context, id, { status: 'approved' });
      expect(approved.eligibility.status).to.equal('approved');
      expect(approved.enrollmentStartDate).to.equal(h.clock.now().toISOString());
      const unenrolled = await h.enrollments.update(context, id, { status: 'unenrolled', reason: 'Moved house' });
      expect(unenrolled.eligibility).to.deep.equal({ status: 'unenrolled', reason: 'Moved house' });
      const changes = await h.events.list(context, { enrollmentId: id, types: ['enrollment.status_changed'] }, { page: 1, perPage: 10 });
      expect(changes.data.map((event) => event.type === 'enrollment.status_changed' && `${event.data.from}>${event.data.to}`)).to.deep.equal([
        'candidate>eligible', 'eligible>submitted', 'submitted>approved', 'approved>unenrolled',
      ]);
    });

    it('refuses an illegal move with a typed error and writes nothing', async () => {
      const { context, instance } = await h.tenant();
      const { id } = await h.enrollments.create(context, instance.id, suzieWithoutDevice());
      const error = await h.enrollments.update(context, id, { status: 'approved' }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(IllegalTransitionError).and.include({ currentState: 'candidate', attempted: 'approved' });
      expect((await h.enrollments.get(context, id)).seq).to.equal(1);
    });

    it('re-evaluates an ineligible enrollment when its address changes', async () => {
      const { context, instance } = await h.tenant();
      const { id } = await h.enrollments.create(context, instance.id, suzieWithoutDevice());
      await h.enrollments.update(context, id, { status: 'ineligible', reason: 'Outside service area' });
      const moved = await h.enrollments.update(context, id, { changes: { address: { ...SUZIE_CUSTOMER_INFO.address!, postalCode: '10002' } } });
      expect(moved.eligibility.status).to.equal('candidate');
      expect(moved.address?.postalCode).to.equal('10002');
    });
  });

  describe('moving a participation with its enrollment (reference mapping)', () => {
    it('reaches ACTIVE with the enrollment approved and enrollmentStartDate set when ACTIVE is reached', async () => {
      const { context, instance } = await h.tenant();
      const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
      h.clock.advance(HOUR);
      const active = await driveToActive(h, context, created);
      expect(active.participation).to.include({ state: 'ACTIVE' });
      expect(active.eligibility.status).to.equal('approved');
      expect(active.enrollmentStartDate).to.equal(h.clock.now().toISOString());
      expect(active.participation!.history.map((entry) => entry.state)).to.deep.equal([
        'ENROLMENT_REQUESTED', 'AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE',
      ]);
    });

    it('waits for meter access where the instance requires it', async () => {
      const { context, instance } = await h.tenant('Leap Energy', { meterAccessRequired: true });
      const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
      const active = await driveToActive(h, context, created);
      expect(active.participation!.history.map((entry) => entry.state)).to.include('AWAITING_METER_ACCESS');
      expect(active.participation!.state).to.equal('ACTIVE');
    });

    it('refuses an enrollment move its participation cannot make, changing nothing', async () => {
      const { context, instance } = await h.tenant();
      const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
      const error = await h.enrollments.update(context, created.id, { status: 'eligible' }).catch((e: unknown) => e);
      // The reference mapping does not name a trigger the participation cannot take yet: the caller asked too early.
      expect(error).to.be.instanceOf(IllegalTransitionError).and.include({ machine: 'enrollment', currentState: 'candidate' });
      expect((error as Error).message).to.contain("adapter 'manual' cannot make this move while the participation is ENROLMENT_REQUESTED");
      expect((await h.enrollments.get(context, created.id)).seq).to.equal(1);
    });

    it('maps INELIGIBLE at registration to rejected and FAILED from candidate to ineligible', async () => {
      const { context, instance } = await h.tenant();
      const first = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-A'));
      const pid = first.participation!.id;
      await h.participations.trigger(context, pid, { trigger: 'consent_requested' });
      const failed = await h.participations.trigger(context, pid, { trigger: 'failed', reason: 'consent withheld' });
      expect([failed.participation.state, failed.enrollment.eligibility]).to.deep.equal(['FAILED', { status: 'ineligible', reason: 'consent withheld' }]);
      const second = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-B'));
      const sid = second.participation!.id;
      await h.participations.trigger(context, sid, { trigger: 'consent_requested' });
      await h.participations.trigger(context, sid, { trigger: 'consent_granted' });
      await h.participations.recordTelemetry(context, sid, h.clock.now().toISOString());
      await h.participations.trigger(context, sid, { trigger: 'control_confirmed' });
      const submitted = await h.enrollments.update(context, second.id, { status: 'eligible' });
      expect([submitted.participation!.state, submitted.eligibility.status]).to.deep.equal(['AWAITING_REGISTRATION', 'submitted']);
      const rejected = await h.enrollments.update(context, second.id, { status: 'rejected', reason: 'Failed verification' });
      expect([rejected.participation!.state, rejected.eligibility]).to.deep.equal(['INELIGIBLE', { status: 'rejected', reason: 'Failed verification' }]);
    });
  });

  describe('sweeping', () => {
    it('suspends on stale telemetry, resumes on fresh telemetry, and suspends on expired consent', async () => {
      const { context, instance } = await h.tenant();
      const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
      const pid = active.participation!.id;
      h.clock.advance(25 * HOUR);
      await h.sweeps.runOnce();
      let current = await h.participations.find(context, pid);
      expect(current.participation).to.deep.include({ state: 'SUSPENDED', suspensionReasons: ['AWAITING_TELEMETRY'] });
      current = await h.participations.recordTelemetry(context, pid, h.clock.now().toISOString());
      expect(current.participation).to.deep.include({ state: 'ACTIVE', suspensionReasons: [] });
      await h.participations.grantConsent(context, pid, { grantedAt: h.clock.now().toISOString(), termsVersion: '2025-01', expiresAt: new Date(h.clock.now().getTime() + HOUR).toISOString() });
      h.clock.advance(2 * HOUR);
      await h.participations.recordTelemetry(context, pid, h.clock.now().toISOString());
      await h.sweeps.runOnce();
      current = await h.participations.find(context, pid);
      expect(current.participation).to.deep.include({ state: 'SUSPENDED', suspensionReasons: ['AWAITING_CONSENT'] });
    });

    it('completes WINDING_DOWN once the notice period has elapsed and rewards are settled', async () => {
      const { context, instance } = await h.tenant('Leap Energy', { noticePeriodDays: 14 });
      const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
      const pid = active.participation!.id;
      await h.enrollments.update(context, active.id, { status: 'unenrolled', reason: 'Moving house' });
      await h.participations.trigger(context, pid, { trigger: 'notice_served' });
      await h.participations.markRewardsSettled(context, pid, h.clock.now().toISOString());
      h.clock.advance(13 * 24 * HOUR);
      await h.sweeps.runOnce();
      expect((await h.participations.find(context, pid)).participation.state).to.equal('WINDING_DOWN');
      h.clock.advance(24 * HOUR);
      await h.sweeps.runOnce();
      const done = await h.participations.find(context, pid);
      expect([done.participation.state, done.enrollment.eligibility.status]).to.deep.equal(['UNENROLLED', 'unenrolled']);
    });
  });
}
