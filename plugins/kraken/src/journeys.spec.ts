import 'reflect-metadata';
import assert from 'node:assert/strict';
import { KrakenKit } from './test-support/krakenKit.js';

const DAY = 86_400_000;

describe('plugins/kraken over a participation’s life', function () {
  this.timeout(30_000);

  it('applies a LIVE that arrived early once the participation is registered', async () => {
    const kraken = await new KrakenKit('early LIVE').at('AWAITING_REGISTRATION');
    const early = await kraken.report({ type: 'device.status', data: { status: 'LIVE' } });
    assert.deepEqual([early.participation!.state, early.participation!.awaiting?.map((step) => `${step.trigger}@${step.awaitState}`)], ['AWAITING_REGISTRATION', ['device_live@REGISTERED']]);
    const { harness, context } = kraken.kit;
    const approved = await harness.enrollments.update(context, kraken.enrollment.id, { status: 'approved' });
    assert.deepEqual([approved.participation!.state, approved.eligibility.status, approved.participation!.awaiting], ['ACTIVE', 'approved', []]);
  });

  it('keeps an early eligibility verdict until the participation awaits eligibility', async () => {
    const kraken = await new KrakenKit('early ELIGIBLE').at('AWAITING_TELEMETRY');
    await kraken.report({ type: 'eligibility.updated', data: { eligibility: 'ELIGIBLE' } });
    const { harness, context } = kraken.kit;
    await harness.participations.recordTelemetry(context, kraken.participationId, harness.clock.now().toISOString());
    const confirmed = await harness.participations.trigger(context, kraken.participationId, { trigger: 'control_confirmed' });
    assert.deepEqual([confirmed.participation.state, confirmed.enrollment.eligibility], ['AWAITING_REGISTRATION', { status: 'submitted', reason: 'KrakenFlex: ELIGIBLE' }]);
  });

  it('denies eligibility with Kraken’s reasons, when the verdict is no', async () => {
    const kraken = await new KrakenKit('NO_SMART_METER').at('AWAITING_ELIGIBILITY');
    const denied = await kraken.report({ type: 'eligibility.updated', data: { eligibility: 'NO_SMART_METER', ineligibilityReasons: ['NO_ELIGIBLE_METERS'] } });
    assert.deepEqual([denied.participation!.state, denied.eligibility], ['INELIGIBLE', { status: 'ineligible', reason: 'KrakenFlex: NO_SMART_METER, NO_ELIGIBLE_METERS' }]);
  });

  it('takes a passed test dispatch as telemetry and control at once', async () => {
    const kraken = await new KrakenKit('test dispatch COMPLETE').at('AWAITING_TELEMETRY');
    const after = await kraken.report({ type: 'test_dispatch.status', data: { status: 'COMPLETE', assessmentFailureReason: 'NONE' } });
    assert.equal(after.participation!.state, 'AWAITING_ELIGIBILITY');
    assert.ok(after.participation!.lastTelemetryAt, 'the telemetry it implies is recorded');
    const failed = await new KrakenKit('test dispatch FAILED').at('CONFIRMING_DISPATCH');
    const unmoved = await failed.report({ type: 'test_dispatch.status', data: { status: 'FAILED', assessmentFailureReason: 'NOT_AT_HOME' } });
    assert.deepEqual([unmoved.participation!.state, unmoved.participation!.nativeStatuses?.testDispatch?.value], ['CONFIRMING_DISPATCH', 'FAILED']);
  });

  it('takes a RETIRED device on an active participation through the wind-down to OFFBOARDED', async () => {
    const kraken = await new KrakenKit('RETIRED when ACTIVE').at('ACTIVE');
    const retired = await kraken.report({ type: 'device.status', data: { status: 'RETIRED' } });
    assert.equal(retired.participation!.state, 'WINDING_DOWN');
    const { harness, context } = kraken.kit;
    await harness.participations.markRewardsSettled(context, kraken.participationId, harness.clock.now().toISOString());
    harness.clock.advance((kraken.kit.instance.noticePeriodDays + 1) * DAY);
    await harness.sweeps.runOnce();
    const gone = await kraken.current();
    assert.deepEqual([gone.participation!.state, gone.eligibility.status], ['OFFBOARDED', 'unenrolled']);
    const states = (await harness.participations.history(context, kraken.participationId, { page: 1, perPage: 20 })).data.map((event) => event.data.to.state);
    assert.deepEqual(states.slice(-4), ['UNENROLMENT_REQUESTED', 'WINDING_DOWN', 'UNENROLLED', 'OFFBOARDED']);
  });

  it('pauses for the customer’s smart-control SUSPEND and resumes on UNSUSPEND', async () => {
    const kraken = await new KrakenKit('smart control').at('ACTIVE');
    const paused = await kraken.report({ type: 'smart_control.changed', data: { action: 'SUSPEND' } });
    assert.deepEqual([paused.participation!.state, paused.participation!.suspensionReasons], ['SUSPENDED', ['CUSTOMER_REQUEST']]);
    const resumed = await kraken.report({ type: 'smart_control.changed', data: { action: 'UNSUSPEND' } });
    assert.deepEqual([resumed.participation!.state, resumed.participation!.nativeStatuses?.smartControl?.value], ['ACTIVE', 'UNSUSPEND']);
  });

  it('resumes only the pause it raised: UNSUSPEND leaves a CUSTOMER_REQUEST raised through the API, traced ignored', async () => {
    const kraken = await new KrakenKit('smart control, paused through the API').at('ACTIVE');
    const { harness, context } = kraken.kit;
    await harness.participations.trigger(context, kraken.participationId, { trigger: 'suspension_raised', suspensionReason: 'CUSTOMER_REQUEST' });
    await kraken.report({ type: 'smart_control.changed', data: { action: 'SUSPEND' } });
    const still = await kraken.report({ type: 'smart_control.changed', data: { action: 'UNSUSPEND' } });
    assert.deepEqual([still.participation!.state, still.participation!.suspensionReasons], ['SUSPENDED', ['CUSTOMER_REQUEST']]);
    const traces = await harness.events.list(context, { enrollmentId: kraken.enrollment.id, types: ['participation.operator_event'] }, { page: 1, perPage: 10 });
    const last = traces.data.at(-1)!.data as { outcome: string; note?: string };
    assert.deepEqual([last.outcome, last.note], ['applied', "suspension_cleared CUSTOMER_REQUEST ignored: raised by api, not as the adapter's own"]);
  });

  it('records an older report after a newer one, and does not apply it', async () => {
    const kraken = await new KrakenKit('out of order').at('REGISTERED');
    const t = (minutes: number) => new Date(Date.parse('2025-01-01T09:00:00Z') + minutes * 60_000).toISOString();
    await kraken.report({ type: 'device.status', data: { status: 'LIVE' }, occurredAt: t(10), sequence: 7 });
    const stale = await kraken.report({ type: 'device.status', data: { status: 'PENDING_LIVE' }, occurredAt: t(5), sequence: 6 });
    const again = await kraken.report({ type: 'device.status', data: { status: 'LIVE' }, occurredAt: t(10), sequence: 7 });
    assert.deepEqual([stale.participation!.state, stale.participation!.nativeStatuses?.device?.value], ['ACTIVE', 'LIVE']);
    assert.equal(again.participation!.state, 'ACTIVE');
    const { harness, context } = kraken.kit;
    const traces = await harness.events.list(context, { enrollmentId: kraken.enrollment.id, types: ['participation.operator_event'] }, { page: 1, perPage: 10 });
    assert.deepEqual(traces.data.map((event) => (event.data as { outcome: string }).outcome), ['applied', 'stale', 'duplicate']);
  });

  it('fails a participation whose device Kraken registered through another maker, or of a type the programme does not take', async () => {
    const tesla = await new KrakenKit('another maker').at('AWAITING_CONSENT');
    const refused = await tesla.report({ type: 'device.status', data: { status: 'ONBOARDING', provider: 'ENPHASE' } });
    assert.equal(refused.participation!.state, 'AWAITING_CONSENT', 'Suzie names tesla and enphase: ENPHASE is hers');
    const other = await tesla.report({ type: 'device.status', data: { status: 'ONBOARDING', provider: 'DAIKIN' } });
    assert.deepEqual([other.participation!.state, other.eligibility.reason], ['FAILED', 'KrakenFlex registered the device through DAIKIN (daikin), but the enrollment names tesla, enphase']);
    const heatPumps = await new KrakenKit('device type', { deviceTypes: ['HEAT_PUMPS'] }).at('AWAITING_CONSENT');
    const battery = await heatPumps.report({ type: 'device.status', data: { status: 'ONBOARDING', deviceType: 'BATTERIES' } });
    assert.equal(battery.participation!.state, 'FAILED');
  });

  it('flags drift when Kraken and Flexroll disagree for longer than the device status allows', async () => {
    const kraken = await new KrakenKit('drift').at('ACTIVE');
    await kraken.report({ type: 'device.status', data: { status: 'ONBOARDING' } });
    const { harness, context } = kraken.kit;
    assert.equal((await harness.participations.find(context, kraken.participationId)).drift, undefined, 'not yet: 60 minutes are allowed');
    harness.clock.advance(61 * 60_000);
    const drifting = await harness.participations.find(context, kraken.participationId);
    assert.deepEqual(drifting.drift?.statuses, ['device']);
  });
});
