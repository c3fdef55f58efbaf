import { expect } from 'chai';
import { defineAdapter, SDK_VERSION, type OperatorAdapter, type ParticipationMove } from '@flexroll/sdk';
import type { CoreSettings } from '../platform/CoreSettings.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { SUZIE_CUSTOMER_INFO, suzieWithDevice } from '../seeds/seedExamples.js';
import { CoreHarness } from './CoreHarness.js';
import { driveToActive } from './journeys.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const HOUR = 3_600_000;

/** The reference adapter with a different id and the hooks given. */
function variant(store: StoreUnderTest, id: string, hooks: Partial<OperatorAdapter>): OperatorAdapter {
  const reference = store.adapters[0]!;
  return defineAdapter({ ...reference, manifest: { ...reference.manifest, id, sdkVersion: `^${SDK_VERSION}` }, ...hooks });
}

/** The operator mechanisms on a real store: the outbox's leases and back-off, polling's windows, webhooks' addressing, references. */
export function operatorBehaviourSpecs(store: () => StoreUnderTest): void {
  const harness = (adapter: OperatorAdapter, settings: Partial<CoreSettings> = {}) => new CoreHarness(store().module(), { adapters: [adapter], settings });

  describe('the adapter outbox', () => {
    it('tells the adapter of each move in order, retrying a failure after its back-off, without delaying the request', async () => {
      const told: string[] = [];
      let failures = 2;
      const h = harness(variant(store(), 'flaky-notify', {
        onParticipationChanged: (move: ParticipationMove) => {
          if (move.to.state === 'AWAITING_TELEMETRY' && failures-- > 0) throw new Error('operator API unreachable');
          told.push(move.to.state);
        },
      }));
      const { context, instance } = await h.tenant();
      const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
      const pid = created.participation!.id;
      await h.participations.trigger(context, pid, { trigger: 'consent_requested' });
      await h.participations.trigger(context, pid, { trigger: 'consent_granted' });
      await h.participations.trigger(context, pid, { trigger: 'failed', reason: 'withdrawn' });
      expect(told, 'nothing is told while the requests run').to.deep.equal([]);
      await h.outbox.drain();
      expect(told, 'the later move waits for the failed one').to.deep.equal(['AWAITING_CONSENT']);
      for (let pass = 0; pass < 3; pass++) {
        h.clock.advance(HOUR);
        await h.outbox.drain();
      }
      expect(told).to.deep.equal(['AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'FAILED']);
    });

    it('gives up after the item’s attempts as a dead letter, recorded on the enrollment, and sends it again on request', async () => {
      let broken = true;
      const h = harness(variant(store(), 'dead-notify', { onParticipationChanged: () => { if (broken) throw new Error('operator API gone'); } }), { outboxMaxAttempts: 2 });
      const { context, instance } = await h.tenant();
      const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
      await h.participations.trigger(context, created.participation!.id, { trigger: 'consent_requested' });
      for (let pass = 0; pass < 3; pass++) {
        await h.outbox.drain();
        h.clock.advance(HOUR);
      }
      const [dead] = (await h.outboxItems.list(context, instance.id, 'dead', { page: 1, perPage: 10 })).data;
      expect(dead).to.deep.include({ status: 'dead', attempts: 2, attemptLimit: 2, lastError: "Adapter 'dead-notify' failed in onParticipationChanged: operator API gone" });
      const failures = await h.events.list(context, { enrollmentId: created.id, types: ['adapter.failed'] }, { page: 1, perPage: 5 });
      expect(failures.data.map((event) => (event.data as { code: string }).code)).to.deep.equal(['adapter_outbox_dead']);
      broken = false;
      expect(await h.outboxItems.retry(context, instance.id, dead!.id)).to.deep.include({ status: 'pending', attemptLimit: 4 });
      await h.outbox.drain();
      expect((await h.outboxItems.list(context, instance.id, 'delivered', { page: 1, perPage: 10 })).data.map((item) => item.attempts)).to.deep.equal([3]);
    });

    it('counts an attempt whose worker died (its lease expired) as failed, and makes the next', async () => {
      const told: string[] = [];
      const h = harness(variant(store(), 'lease-notify', { onParticipationChanged: (move: ParticipationMove) => void told.push(move.to.state) }));
      const { context, instance } = await h.tenant();
      const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
      await h.participations.trigger(context, created.participation!.id, { trigger: 'consent_requested' });
      const [item] = (await h.outboxItems.list(context, instance.id, 'pending', { page: 1, perPage: 10 })).data;
      const now = h.clock.now().toISOString();
      await h.port(STORE_TOKENS.deliveryAttempts).claim({ id: 'att_dead_worker', workspaceId: item!.workspaceId, subjectId: item!.id, attempt: 1, claimedBy: 'wrk_dead', claimedAt: now, leaseExpiresAt: now });
      h.clock.advance(1);
      await h.outbox.drain();
      h.clock.advance(HOUR);
      await h.outbox.drain();
      expect(told).to.deep.equal(['AWAITING_CONSENT']);
      const [delivered] = (await h.outboxItems.list(context, instance.id, 'delivered', { page: 1, perPage: 10 })).data;
      expect(delivered).to.deep.include({ attempts: 2, lastError: 'the worker making this attempt stopped before it finished (its lease expired)' });
    });

    it('never makes one attempt twice when two workers drain at once', async () => {
      let told = 0;
      const adapter = variant(store(), 'busy-notify', { onParticipationChanged: () => void told++ });
      const [one, two] = [harness(adapter), harness(adapter)];
      const { context, instance } = await one.tenant();
      for (const serial of ['SN-W1', 'SN-W2', 'SN-W3']) {
        const enrollment = await one.enrollments.create(context, instance.id, suzieWithDevice(serial));
        await one.participations.trigger(context, enrollment.participation!.id, { trigger: 'consent_requested' });
      }
      await Promise.all([one.outbox.drain(), two.outbox.drain()]);
      expect(told).to.equal(3);
    });
  });

  describe('polling the operator', () => {
    // Each test its own adapter id: the store is shared, and a harness polls every instance of the adapters it loads.
    const polled = (id: string, batches: string[][]) => variant(store(), id, {
      manifest: { ...store().adapters[0]!.manifest, id, polling: { batchSize: 2, intervalSeconds: 60 } },
      syncMany: (participations) => {
        batches.push(participations.map((participation) => participation.state));
        return {};
      },
    });

    it('asks in batches in every non-terminal state, and polls a window once however many workers run', async () => {
      const batches: string[][] = [];
      const adapter = polled('polled-window', batches);
      const [one, two] = [harness(adapter), harness(adapter)];
      const { context, instance } = await one.tenant();
      for (const serial of ['SN-P1', 'SN-P2', 'SN-P3']) await one.enrollments.create(context, instance.id, suzieWithDevice(serial));
      const failed = await one.enrollments.create(context, instance.id, suzieWithDevice('SN-P4'));
      await one.participations.trigger(context, failed.participation!.id, { trigger: 'failed' });
      await Promise.all([one.polling.runOnce(), two.polling.runOnce()]);
      expect(batches.map((batch) => batch.length), 'three participations (not the FAILED one), two a call, one worker').to.deep.equal([2, 1]);
    });

    it('backs off a participation whose poll reported nothing new', async () => {
      const batches: string[][] = [];
      const h = harness(polled('polled-quiet', batches));
      const { context, instance } = await h.tenant();
      await h.enrollments.create(context, instance.id, suzieWithDevice('SN-Q1'));
      await h.polling.runOnce();
      h.clock.advance(61_000);
      await h.polling.runOnce();
      expect(batches.length, 'a quiet participation waits twice the interval').to.equal(1);
      h.clock.advance(60_000);
      await h.polling.runOnce();
      expect(batches).to.deep.equal([['ENROLMENT_REQUESTED'], ['ENROLMENT_REQUESTED']]);
    });
  });

  describe('operator references and webhooks', () => {
    it('hands a reference held by a finished participation to a new one, and refuses one a participation in progress holds', async () => {
      const h = harness(store().adapters[0]!);
      const { context, instance } = await h.tenant();
      const first = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-R1'));
      const second = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-R2'));
      const device = { kind: 'device', value: 'krakenflex-device-1' };
      await h.operatorReferences.link(instance, device, first.participation!.id);
      await h.operatorReferences.link(instance, device, first.participation!.id);
      const taken = await h.operatorReferences.link(instance, device, second.participation!.id).catch((error: { code: string }) => error.code);
      expect(taken).to.equal('operator_reference_taken');
      await h.participations.trigger(context, first.participation!.id, { trigger: 'failed' });
      await h.operatorReferences.link(instance, device, second.participation!.id);
      expect(await h.operatorReferences.find(instance, device)).to.equal(second.participation!.id);
    });

    it('addresses a webhook’s events by Flexroll’s id or by the operator’s, and answers for each what became of it', async () => {
      const adapter = variant(store(), 'hooked', {
        manifest: { ...store().adapters[0]!.manifest, id: 'hooked', operatorEvents: { ping: { type: 'object' } } },
        receiveWebhook: (request) => JSON.parse(new TextDecoder().decode(request.body)) as never,
        mapOperatorEvent: () => ({ trigger: 'consent_requested' }),
      });
      const h = harness(adapter);
      const { context, instance } = await h.tenant();
      const suzie = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-H1'));
      const other = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-H2'));
      const body = (events: unknown[]) => ({ body: new TextEncoder().encode(JSON.stringify({ events })), headers: {} });
      const results = await h.operatorWebhooks.receive(instance.id, body([
        { type: 'ping', payload: {}, participationId: suzie.participation!.id, reference: { kind: 'device', value: 'd-1' } },
        { type: 'ping', payload: {}, reference: { kind: 'device', value: 'd-1' } },
        { type: 'ping', payload: {}, participationId: 'vpo_00000000000000000000dead' },
        { type: 'ping', payload: {}, participationId: other.participation!.id, reference: { kind: 'device', value: 'd-1' } },
        { type: 'pong', payload: {}, participationId: other.participation!.id },
      ]));
      expect(results.map((result) => result.outcome)).to.deep.equal(['applied', 'refused', 'unknown_participation', 'invalid', 'invalid']);
      expect(results[1]!.message).to.match(/Adapter 'hooked' mapOperatorEvent answered what the state machines refuse: Cannot apply 'consent_requested' to a participation in AWAITING_CONSENT/);
      expect((await h.enrollments.get(context, suzie.id)).participation!.state).to.equal('AWAITING_CONSENT');
      const foreign = await h.operatorWebhooks.receive('cnotaninstanceanywhere000', body([])).catch((error: { code: string }) => error.code);
      expect(foreign).to.equal('program_instance_not_found');
    });

    it('keeps an operator’s waiting step and fires it in the change that brings its state', async () => {
      const adapter = variant(store(), 'early-live', {
        manifest: { ...store().adapters[0]!.manifest, id: 'early-live', operatorEvents: { live: { type: 'object' } } },
        mapOperatorEvent: () => ({ steps: [{ trigger: 'device_live', awaitState: 'REGISTERED' }] }),
      });
      const h = harness(adapter);
      const { context, instance } = await h.tenant();
      const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
      const early = await h.participations.applyOperatorEvent(context, instance.id, created.participation!.id, { type: 'live', payload: {} });
      expect(early.participation.awaiting).to.deep.equal([{ trigger: 'device_live', awaitState: 'REGISTERED' }]);
      const active = await driveToActiveFrom(h, context, created.id);
      expect([active.participation!.state, active.participation!.awaiting]).to.deep.equal(['ACTIVE', []]);
    });
  });
}

/** The happy path without the last step: registration approved; the waiting device_live must do the rest. */
async function driveToActiveFrom(h: CoreHarness, context: Parameters<typeof driveToActive>[1], enrollmentId: string) {
  const pid = (await h.enrollments.get(context, enrollmentId)).participation!.id;
  await h.participations.trigger(context, pid, { trigger: 'consent_requested' });
  await h.participations.grantConsent(context, pid, { grantedAt: h.clock.now().toISOString(), termsVersion: '2025-01' });
  await h.participations.recordTelemetry(context, pid, h.clock.now().toISOString());
  await h.participations.trigger(context, pid, { trigger: 'control_confirmed' });
  await h.enrollments.update(context, enrollmentId, { status: 'eligible' });
  await h.enrollments.update(context, enrollmentId, { status: 'approved' });
  return h.enrollments.get(context, enrollmentId);
}
