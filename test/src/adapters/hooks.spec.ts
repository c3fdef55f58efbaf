import 'reflect-metadata';
import { expect } from 'chai';
import manual from '@flexroll/plugin-manual';
import type { CallContext } from '@flexroll/core';
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
    const created = await toEligibilityCheck(h, context, instance.id);
    const after = await h.enrollments.get(context, created.id);
    expect(seen).to.deep.equal(['10001']);
    expect([after.participation!.state, after.eligibility]).to.deep.equal(['AWAITING_REGISTRATION', { status: 'submitted', reason: 'In service territory' }]);
    const events = await h.events.list(context, { enrollmentId: created.id, types: ['participation.state_changed'] }, { page: 1, perPage: 20 });
    expect(events.data.at(-1)!.actor).to.deep.equal({ type: 'adapter', id: 'auto-eligibility' });
  });

  it('hands evaluateEligibility the granted customer data, recorded on the enrollment before the call', async () => {
    const seen: unknown[] = [];
    const adapter = defineAdapter({
      ...reference,
      manifest: { ...reference.manifest, id: 'eligibility-by-name', customerData: { fields: ['lastName', 'phone'], purpose: 'The operator checks the customer against its own book.' } },
      evaluateEligibility: (enrollment) => {
        seen.push(enrollment.customer);
        return { eligible: true };
      },
    });
    const h = new CoreHarness(memoryStoreModule(), { adapters: [adapter] });
    const { context, instance } = await h.tenant('Leap Energy', { customerDataGrant: { fields: ['lastName'] } });
    const created = await toEligibilityCheck(h, context, instance.id);
    expect(seen).to.deep.equal([{ lastName: 'Homeowner' }]);
    const shared = await h.events.list(context, { enrollmentId: created.id, types: ['adapter.customer_data_shared'] }, { page: 1, perPage: 5 });
    expect(shared.data.map((event) => event.data)).to.deep.equal([{ adapterId: 'eligibility-by-name', operation: 'evaluateEligibility', fields: ['lastName'] }]);
  });

  it('records the hand-over to evaluateEligibility in the screening’s own change on an instance with rules', async () => {
    const seen: unknown[] = [];
    const adapter = defineAdapter({
      ...reference,
      manifest: { ...reference.manifest, id: 'screened-by-name', customerData: { fields: ['email'], purpose: 'The operator checks the customer against its own book.' } },
      evaluateEligibility: (enrollment) => {
        seen.push(enrollment.customer);
        return { eligible: true };
      },
    });
    const h = new CoreHarness(memoryStoreModule(), { adapters: [adapter] });
    const rules = { allowedManufacturers: ['tesla', 'enphase'], serviceTerritory: { countries: ['USA'], postalCodePrefixes: ['100'] } };
    const { context, instance } = await h.tenant('Leap Energy', { eligibilityRules: rules, customerDataGrant: { fields: ['email'] } });
    const created = await toEligibilityCheck(h, context, instance.id);
    expect(seen).to.deep.equal([{ email: SUZIE_CUSTOMER_INFO.email }]);
    const shared = await h.events.list(context, { enrollmentId: created.id, types: ['adapter.customer_data_shared'] }, { page: 1, perPage: 5 });
    expect(shared.data.map((event) => event.data)).to.deep.equal([{ adapterId: 'screened-by-name', operation: 'evaluateEligibility', fields: ['email'] }]);
  });

  it('applies what sync reports when the operator is polled', async () => {
    const adapter = defineAdapter({
      ...reference,
      manifest: { ...reference.manifest, id: 'syncing' },
      sync: (participation) =>
        participation.state === 'ACTIVE' ? { trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST', nativeState: 'SUSPENDED_BY_OPERATOR' } : undefined,
    });
    const h = new CoreHarness(memoryStoreModule(), { adapters: [adapter] });
    const { context, instance } = await h.tenant();
    const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
    expect(await h.polling.runOnce()).to.equal(1);
    const polled = await h.enrollments.get(context, active.id);
    expect(polled.participation).to.deep.include({ state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST'], operatorNativeState: 'SUSPENDED_BY_OPERATOR' });
    const events = await h.events.list(context, { enrollmentId: active.id, types: ['participation.state_changed'] }, { page: 1, perPage: 20 });
    expect(events.data.at(-1)).to.deep.include({ actor: { type: 'sweep', id: 'operator-polling' }, source: 'sync:syncing' });
  });

  it('records a sync answer whose trigger is illegal now as the adapter’s fault, and keeps the native state', async () => {
    const adapter = defineAdapter({
      ...reference,
      manifest: { ...reference.manifest, id: 'stubborn' },
      sync: () => ({ trigger: 'device_live', nativeState: 'LIVE' }),
    });
    const h = new CoreHarness(memoryStoreModule(), { adapters: [adapter] });
    const { context, instance } = await h.tenant();
    const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
    await h.polling.runOnce();
    const polled = await h.enrollments.get(context, active.id);
    expect(polled.participation).to.deep.include({ state: 'ACTIVE', operatorNativeState: 'LIVE' });
    const failures = await h.events.list(context, { enrollmentId: active.id, types: ['adapter.failed'] }, { page: 1, perPage: 5 });
    expect(failures.data.map((event) => event.data)).to.deep.equal([
      {
        adapterId: 'stubborn', operation: 'sync', code: 'adapter_illegal_answer',
        message: "Adapter 'stubborn' sync answered what the state machines refuse: Cannot apply 'device_live' to a participation in ACTIVE; it accepts: suspension_raised, leave_requested.",
      },
    ]);
    const traces = await h.events.list(context, { enrollmentId: active.id, types: ['participation.operator_event'] }, { page: 1, perPage: 5 });
    expect(traces.data.map((event) => (event.data as { outcome: string }).outcome)).to.deep.equal(['refused']);
  });

  it('answers an enrollment status no chain of legal moves reaches as the adapter’s fault, recorded, nothing else written', async () => {
    const adapter = defineAdapter({
      ...reference,
      manifest: { ...reference.manifest, id: 'backwards' },
      statusForParticipation: (move, context) => (move.to.state === 'SUSPENDED' ? 'candidate' : reference.statusForParticipation(move, context)),
    });
    const h = new CoreHarness(memoryStoreModule(), { adapters: [adapter] });
    const { context, instance } = await h.tenant();
    const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
    const error = await h.participations.trigger(context, active.participation!.id, { trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST' }).catch((e: { kind: string; code: string; message: string }) => e);
    expect(error).to.include({
      kind: 'adapter', code: 'adapter_illegal_answer',
      message: "Adapter 'backwards' statusForParticipation answered what the state machines refuse: Cannot move to 'candidate' from an enrollment in approved (no chain of legal moves leads there); it accepts: unenrolled.",
    });
    const events = await h.events.list(context, { enrollmentId: active.id }, { page: 1, perPage: 50 });
    expect(events.data.slice(active.seq).map((event) => event.type)).to.deep.equal(['adapter.failed']);
    expect(events.data.at(-1)!.data).to.deep.include({ adapterId: 'backwards', operation: 'decide', code: 'adapter_illegal_answer' });
    expect((await h.enrollments.get(context, active.id)).participation!.state).to.equal('ACTIVE');
  });

  it('treats a null or reasonless operator-event answer as an invalid answer, recorded on the enrollment', async () => {
    for (const [label, answer] of [['null', null], ['a suspension without its reason', { trigger: 'suspension_raised' }]] as const) {
      const adapter = defineAdapter({ ...reference, manifest: { ...reference.manifest, id: 'sloppy' }, mapOperatorEvent: () => answer as never });
      const h = new CoreHarness(memoryStoreModule(), { adapters: [adapter] });
      const { context, instance } = await h.tenant();
      const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
      const error = await h.participations.applyOperatorEvent(context, instance.id, created.participation!.id, { type: 'participation.trigger', payload: { trigger: 'consent_requested' } }).catch((e: { code?: string }) => e);
      expect((error as { code?: string }).code, label).to.equal('adapter_invalid_answer');
      const events = await h.events.list(context, { enrollmentId: created.id }, { page: 1, perPage: 5 });
      expect(events.data.map((event) => event.type), label).to.deep.equal(['enrollment.created', 'adapter.failed']);
    }
  });
});

/** Seed 004's Suzie, enrolled and moved through seed 000's steps up to the operator's eligibility check. */
async function toEligibilityCheck(h: CoreHarness, context: CallContext, instanceId: string) {
  const created = await h.enrollments.create(context, instanceId, SUZIE_CUSTOMER_INFO);
  const pid = created.participation!.id;
  await h.participations.trigger(context, pid, { trigger: 'consent_requested' });
  await h.participations.trigger(context, pid, { trigger: 'consent_granted' });
  await h.participations.recordTelemetry(context, pid, h.clock.now().toISOString());
  await h.participations.trigger(context, pid, { trigger: 'control_confirmed' });
  return created;
}
