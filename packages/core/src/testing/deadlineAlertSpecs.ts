import { expect } from 'chai';
import type { DeadlineEventType } from '../enrollments/EnrollmentEvent.js';
import type { Enrollment } from '../enrollments/Enrollment.js';
import type { CallContext } from '../platform/CallContext.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import type { ProgramInstanceInput } from '../programs/ProgramInstanceService.js';
import { suzieWithDevice } from '../seeds/seedExamples.js';
import { type CoreHarness, harnessOn } from './CoreHarness.js';
import { driveToActive } from './journeys.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The sweep's projection repair (not the part under test here) reads recent enrollments: a short window keeps it out. */
const QUIET_REPAIR = { projectionRepairWindowMs: MINUTE };
/** AWAITING_CONSENT is expected to take two days, and due soon twelve hours before. */
const TWO_DAYS_TO_CONSENT: Partial<Omit<ProgramInstanceInput, 'programId'>> = { expectedDurations: { AWAITING_CONSENT: 'P2D' }, deadlines: { leadTime: 'PT12H' } };

/** The deadline alerts in the enrollment's log, oldest first, with the deadline each announced. */
async function alertsOf(h: CoreHarness, enrollment: Enrollment): Promise<{ type: DeadlineEventType; deadlineId: string }[]> {
  const events = await h.port(STORE_TOKENS.events).listForEnrollment(enrollment.workspaceId, enrollment.id, 0);
  expect(events.map((event) => event.seq), 'the log stays gap-free').to.deep.equal(events.map((_, index) => index + 1));
  return events.flatMap((event) => (event.type === 'participation.deadline_due_soon' || event.type === 'participation.deadline_missed' || event.type === 'participation.deadline_met'
    ? [{ type: event.type, deadlineId: event.data.deadline.id }]
    : []));
}
const typesOf = async (h: CoreHarness, enrollment: Enrollment) => (await alertsOf(h, enrollment)).map((alert) => alert.type.replace('participation.deadline_', ''));

/** The enrollment as it stands now. */
async function fresh(h: CoreHarness, context: CallContext, enrollment: Enrollment): Promise<Enrollment> {
  return (await h.participations.find(context, enrollment.participation!.id)).enrollment;
}

/** Sweeps `passes` times, a couple of minutes apart (a deadline's alerts are never repeated by a later pass). */
async function sweepAgain(h: CoreHarness, passes = 3): Promise<void> {
  for (let pass = 0; pass < passes; pass++) {
    h.clock.advance(2 * MINUTE);
    await h.sweeps.runOnce();
  }
}

/**
 * Deadlines under a fake clock (issue 20): the sweep announces each deadline's alerts once, whatever the number of
 * sweepers, whatever races it; the terms a step began with are its own.
 */
export function deadlineAlertSpecs(store: () => StoreUnderTest): void {
  /** A workspace whose sweep cursor is set, with a participation that entered AWAITING_CONSENT now. */
  async function awaitingConsent(settings = TWO_DAYS_TO_CONSENT, serialNumber = 'SN-DEADLINE-1') {
    const h = harnessOn(store(), undefined, { settings: QUIET_REPAIR });
    const { context, instance } = await h.tenant('Leap Energy', settings);
    await h.sweeps.runOnce();
    const created = await h.enrollments.create(context, instance.id, suzieWithDevice(serialNumber));
    const enrollment = (await h.participations.trigger(context, created.participation!.id, { trigger: 'consent_requested' })).enrollment;
    return { h, context, instance, enrollment, enteredAt: h.clock.now().getTime() };
  }

  it('announces due soon once the clock passes dueSoonAt, and missed once past expectedAt, each once', async () => {
    const { h, context, enrollment, enteredAt } = await awaitingConsent();
    const open = (await fresh(h, context, enrollment)).participation!.deadlines!.open!;
    expect([open.state, open.waitingOn, open.status, open.expectedAt, open.dueSoonAt]).to.deep.equal([
      'AWAITING_CONSENT', 'customer', 'pending', new Date(enteredAt + 2 * DAY).toISOString(), new Date(enteredAt + 36 * HOUR).toISOString(),
    ]);
    h.clock.set(new Date(enteredAt + 36 * HOUR - MINUTE));
    await h.sweeps.runOnce();
    expect(await typesOf(h, enrollment), 'a minute before dueSoonAt').to.deep.equal([]);
    h.clock.set(new Date(enteredAt + 36 * HOUR));
    await h.sweeps.runOnce();
    await sweepAgain(h);
    expect(await typesOf(h, enrollment)).to.deep.equal(['due_soon']);
    h.clock.set(new Date(enteredAt + 2 * DAY + MINUTE));
    await h.sweeps.runOnce();
    await sweepAgain(h);
    h.clock.advance(3 * DAY);
    await sweepAgain(h);
    expect(await typesOf(h, enrollment)).to.deep.equal(['due_soon', 'missed']);
    const after = await fresh(h, context, enrollment);
    expect(after.participation!.deadlines!.open).to.deep.include({ status: 'missed', id: open.id });
    expect(Object.keys(after.participation!.deadlines!.open!.announced).sort()).to.deep.equal(['dueSoon', 'missed']);
    expect([after.updatedAt, after.participation!.updatedAt], 'an announcement changes nothing about the enrollment').to.deep.equal([enrollment.updatedAt, enrollment.participation!.updatedAt]);
  });

  it('announces a missed deadline met later, once, and the next step’s deadline starts pending', async () => {
    const { h, context, enrollment, enteredAt } = await awaitingConsent();
    h.clock.set(new Date(enteredAt + 3 * DAY));
    await h.sweeps.runOnce();
    expect(await typesOf(h, enrollment), 'a late sweep announces only the miss').to.deep.equal(['missed']);
    await h.participations.grantConsent(context, enrollment.participation!.id, { grantedAt: h.clock.now().toISOString(), termsVersion: '2025-01' });
    await h.sweeps.runOnce();
    await sweepAgain(h);
    const alerts = await alertsOf(h, enrollment);
    expect(alerts.map((alert) => alert.type)).to.deep.equal(['participation.deadline_missed', 'participation.deadline_met']);
    expect(alerts[0]!.deadlineId, 'the met is the missed deadline’s').to.equal(alerts[1]!.deadlineId);
    const { last, open } = (await fresh(h, context, enrollment)).participation!.deadlines!;
    expect([last!.status, Object.keys(last!.announced).sort()]).to.deep.equal(['met_late', ['met', 'missed']]);
    expect([open!.state, open!.status]).to.deep.equal(['AWAITING_TELEMETRY', 'pending']);
  });

  it('announces a miss met by a move that ends the participation (the operator’s no), though nothing else is due then', async () => {
    const h = harnessOn(store(), undefined, { settings: QUIET_REPAIR });
    const { context, instance } = await h.tenant('Leap Energy', { expectedDurations: { AWAITING_ELIGIBILITY: 'P1D' } });
    await h.sweeps.runOnce();
    const created = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-DEADLINE-NO'));
    const pid = created.participation!.id;
    await h.participations.trigger(context, pid, { trigger: 'consent_requested' });
    await h.participations.grantConsent(context, pid, { grantedAt: h.clock.now().toISOString(), termsVersion: '2025-01' });
    await h.participations.grantMeterAccess(context, pid);
    await h.participations.recordTelemetry(context, pid, h.clock.now().toISOString());
    const checking = (await h.participations.trigger(context, pid, { trigger: 'control_confirmed' })).enrollment;
    expect(checking.participation!.deadlines!.open).to.deep.include({ state: 'AWAITING_ELIGIBILITY', waitingOn: 'operator' });
    h.clock.advance(2 * DAY);
    await h.sweeps.runOnce();
    await h.participations.trigger(context, pid, { trigger: 'eligibility_denied' });
    await h.sweeps.runOnce();
    await sweepAgain(h);
    expect(await typesOf(h, checking)).to.deep.equal(['missed', 'met']);
    const ended = await fresh(h, context, checking);
    expect([ended.participation!.state, ended.participation!.deadlines!.last!.status]).to.deep.equal(['INELIGIBLE', 'met_late']);
  });

  it('announces each alert once when sweepers in several processes sweep at once', async () => {
    const { h, context, enrollment, enteredAt } = await awaitingConsent();
    const sweepers = [h, harnessOn(store(), h.clock, { settings: QUIET_REPAIR }), harnessOn(store(), h.clock, { settings: QUIET_REPAIR })];
    const allAtOnce = () => Promise.all([...sweepers, h].map((sweeper) => sweeper.sweeps.runOnce()));
    h.clock.set(new Date(enteredAt + 40 * HOUR));
    await allAtOnce();
    h.clock.set(new Date(enteredAt + 2 * DAY + MINUTE));
    await allAtOnce();
    await allAtOnce();
    expect(await typesOf(h, enrollment)).to.deep.equal(['due_soon', 'missed']);
    await h.participations.grantConsent(context, enrollment.participation!.id, { grantedAt: h.clock.now().toISOString(), termsVersion: '2025-01' });
    await allAtOnce();
    await allAtOnce();
    expect(await typesOf(h, enrollment)).to.deep.equal(['due_soon', 'missed', 'met']);
  });

  it('announces a miss once when the copy its bucket lists is behind the log (another process appended it, then died before its projection)', async () => {
    const { h, context, enrollment, enteredAt } = await awaitingConsent();
    const crashed = harnessOn(store(), h.clock, { settings: QUIET_REPAIR });
    const projections = crashed.port(STORE_TOKENS.enrollments);
    crashed.replacePort(STORE_TOKENS.enrollments, new Proxy(projections, {
      get: (target, key) => {
        if (key === 'save') return async () => { throw new Error('killed before the projection'); };
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }));
    h.clock.set(new Date(enteredAt + 2 * DAY + MINUTE));
    await crashed.sweeps.runOnce();
    expect(await typesOf(h, enrollment), 'the crashed sweeper appended the miss').to.deep.equal(['missed']);
    expect((await h.port(STORE_TOKENS.enrollments).get(enrollment.workspaceId, enrollment.id))!.seq, 'its projection stayed behind').to.equal(enrollment.seq);
    await h.sweeps.runOnce();
    await sweepAgain(h);
    expect(await typesOf(h, enrollment), 'the listed copy lost its append and was decided again on fresh state').to.deep.equal(['missed']);
    expect((await fresh(h, context, enrollment)).participation!.deadlines!.open).to.deep.include({ status: 'missed' });
  });

  for (const [moment, offset] of [['at expectedAt itself', 0], ['a millisecond past expectedAt', 1]] as const) {
    it(`never announces a miss after the deadline was met, nor twice, when a move and a sweep race ${moment}`, async () => {
      const h = harnessOn(store(), undefined, { settings: QUIET_REPAIR });
      const peer = harnessOn(store(), h.clock, { settings: QUIET_REPAIR });
      const { context, instance } = await h.tenant('Leap Energy', TWO_DAYS_TO_CONSENT);
      await h.sweeps.runOnce();
      const enteredAt = h.clock.now().getTime();
      const enrollments: Enrollment[] = [];
      for (let n = 0; n < 6; n++) {
        const created = await h.enrollments.create(context, instance.id, suzieWithDevice(`SN-DEADLINE-RACE-${n}`));
        enrollments.push((await h.participations.trigger(context, created.participation!.id, { trigger: 'consent_requested' })).enrollment);
      }
      h.clock.set(new Date(enteredAt + 2 * DAY + offset));
      // Half the moves start before the sweep, half after: the race goes both ways.
      const moves = (from: number, to: number) => Promise.all(enrollments.slice(from, to).map((enrollment) =>
        h.participations.grantConsent(context, enrollment.participation!.id, { grantedAt: h.clock.now().toISOString(), termsVersion: '2025-01' })));
      await Promise.all([moves(0, 3), peer.sweeps.runOnce(), moves(3, 6)]);
      await sweepAgain(h);
      const outcomes = new Set<string>();
      for (const enrollment of enrollments) {
        const types = (await typesOf(h, enrollment)).filter((type) => type !== 'due_soon');
        const last = (await fresh(h, context, enrollment)).participation!.deadlines!.last!;
        expect(last.state).to.equal('AWAITING_CONSENT');
        if (types.includes('missed')) {
          expect([types, last.status], 'missed, then met once it was met late').to.deep.equal([['missed', 'met'], 'met_late']);
          expect(Object.keys(last.announced)).to.include.members(['missed', 'met']);
        } else {
          expect(types, 'no miss: nothing to announce as met').to.deep.equal([]);
          expect(last.status).to.equal(offset === 0 ? 'met' : 'met_late');
          expect(last.announced.missed).to.equal(undefined);
        }
        outcomes.add(`${types.join('+')}:${last.status}`);
      }
      if (offset === 0) expect([...outcomes], 'a move at expectedAt meets it, and the sweep calls nothing missed then').to.deep.equal([':met']);
    });
  }

  it('keeps an open deadline’s terms when the instance’s durations change; the next step takes the new ones', async () => {
    const { h, context, instance, enrollment, enteredAt } = await awaitingConsent({ expectedDurations: { AWAITING_CONSENT: 'P2D', AWAITING_TELEMETRY: 'P1D' } });
    await h.instances.update(context, instance.id, { expectedDurations: { AWAITING_CONSENT: 'P1D', AWAITING_TELEMETRY: 'PT6H' }, deadlines: { leadTime: 'PT1H' } });
    h.clock.set(new Date(enteredAt + DAY + HOUR));
    await h.sweeps.runOnce();
    await sweepAgain(h);
    const kept = (await fresh(h, context, enrollment)).participation!.deadlines!.open!;
    expect([kept.expectedAt, kept.dueSoonAt], 'the terms it began with').to.deep.equal([new Date(enteredAt + 2 * DAY).toISOString(), new Date(enteredAt + DAY).toISOString()]);
    expect(await typesOf(h, enrollment), 'due soon on its own terms; not missed under the new, shorter duration').to.deep.equal(['due_soon']);
    await h.participations.grantConsent(context, enrollment.participation!.id, { grantedAt: h.clock.now().toISOString(), termsVersion: '2025-01' });
    const next = (await fresh(h, context, enrollment)).participation!.deadlines!.open!;
    const now = h.clock.now().getTime();
    expect([next.state, next.expectedAt, next.dueSoonAt]).to.deep.equal(['AWAITING_TELEMETRY', new Date(now + 6 * HOUR).toISOString(), new Date(now + 5 * HOUR).toISOString()]);
  });

  it('fires nothing while a suspension the customer asked for pauses the clock', async () => {
    const h = harnessOn(store(), undefined, { settings: QUIET_REPAIR });
    const { context, instance } = await h.tenant('Leap Energy', { expectedDurations: { SUSPENDED: 'PT2H' } });
    await h.sweeps.runOnce();
    const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, suzieWithDevice('SN-DEADLINE-PAUSED')));
    const pid = active.participation!.id;
    await h.participations.trigger(context, pid, { trigger: 'suspension_raised', suspensionReason: 'CUSTOMER_REQUEST' });
    // Telemetry keeps arriving, so nothing but the pause could keep the deadline quiet.
    for (let hour = 0; hour < 30; hour += 3) {
      h.clock.advance(3 * HOUR);
      await h.participations.recordTelemetry(context, pid, h.clock.now().toISOString());
      await h.sweeps.runOnce();
    }
    const suspended = await fresh(h, context, active);
    const open = suspended.participation!.deadlines!.open!;
    expect([suspended.participation!.state, open.state, open.status, open.expectedAt, open.paused === undefined]).to.deep.equal(['SUSPENDED', 'SUSPENDED', 'pending', undefined, false]);
    expect(await typesOf(h, active)).to.deep.equal([]);
  });

  it('fires nothing in a state the instance does not raise alerts in, and keeps the deadline', async () => {
    const { h, context, enrollment, enteredAt } = await awaitingConsent({ expectedDurations: { AWAITING_CONSENT: 'P2D' }, deadlines: { alertStates: ['AWAITING_TELEMETRY'] } });
    h.clock.set(new Date(enteredAt + 10 * DAY));
    await h.sweeps.runOnce();
    await sweepAgain(h);
    const open = (await fresh(h, context, enrollment)).participation!.deadlines!.open!;
    expect([open.state, open.alerts, open.status, open.expectedAt]).to.deep.equal(['AWAITING_CONSENT', false, 'pending', new Date(enteredAt + 2 * DAY).toISOString()]);
    expect(await typesOf(h, enrollment)).to.deep.equal([]);
  });
}
