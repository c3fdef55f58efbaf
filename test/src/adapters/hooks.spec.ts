import 'reflect-metadata';
import { expect } from 'chai';
import manual from '@flexroll/plugin-manual';
import { CoreHarness, driveToActive, SUZIE_CUSTOMER_INFO } from '@flexroll/core/testing';
import { defineAdapter, type OperatorAdapter } from '@flexroll/sdk';
import { memoryStoreModule } from '@flexroll/store-memory';

const reference: OperatorAdapter = manual;

describe('adapter hooks the platform calls on its own', () => {
  it('lets evaluateEligibility decide when a participation reaches AWAITING_ELIGIBILITY', async () => {
    const seen: string[] = [];
    const adapter = defineAdapter({
      ...reference,
      manifest: { ...reference.manifest, id: 'auto-eligibility' },
      evaluateEligibility: (enrollment) => {
        seen.push(`${enrollment.address?.postalCode}`);
        return { eligible: true, reason: 'In service territory' };
      },
    });
    const h = new CoreHarness(memoryStoreModule(), { adapters: [adapter] });
    const { context, instance } = await h.tenant();
    const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
    const pid = created.participation!.id;
    await h.participations.trigger(context, pid, { trigger: 'consent_requested' });
    await h.participations.trigger(context, pid, { trigger: 'consent_granted' });
    await h.participations.recordTelemetry(context, pid, h.clock.now().toISOString());
    await h.participations.trigger(context, pid, { trigger: 'control_confirmed' });
    const after = await h.enrollments.get(context, created.id);
    expect(seen).to.deep.equal(['10001']);
    expect([after.participation!.state, after.eligibility]).to.deep.equal(['AWAITING_REGISTRATION', { status: 'submitted', reason: 'In service territory' }]);
    const events = await h.events.list(context, { enrollmentId: created.id, types: ['participation.state_changed'] }, { page: 1, perPage: 20 });
    expect(events.data.at(-1)!.actor).to.deep.equal({ type: 'adapter', id: 'auto-eligibility' });
  });

  it('applies what sync reports from the operator during the scheduled sweep', async () => {
    const adapter = defineAdapter({
      ...reference,
      manifest: { ...reference.manifest, id: 'syncing' },
      sync: (participation) =>
        participation.state === 'ACTIVE' ? { trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST', nativeState: 'SUSPENDED_BY_OPERATOR' } : undefined,
    });
    const h = new CoreHarness(memoryStoreModule(), { adapters: [adapter] });
    const { context, instance } = await h.tenant();
    const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
    await h.sweeps.runOnce();
    const swept = await h.enrollments.get(context, active.id);
    expect(swept.participation).to.deep.include({ state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST'], operatorNativeState: 'SUSPENDED_BY_OPERATOR' });
  });
});
