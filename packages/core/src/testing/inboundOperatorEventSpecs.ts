import { expect } from 'chai';
import { defineAdapter, SDK_VERSION, type OperatorAdapter, type OperatorEventEffect } from '@flexroll/sdk';
import type { CoreSettings } from '../platform/CoreSettings.js';
import { publicEventData } from '../enrollments/index.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { RECEIPT_LEASE_MS } from '../operators/OperatorEventReceipts.js';
import { SUZIE_CUSTOMER_INFO, suzieWithDevice } from '../seeds/seedExamples.js';
import { CoreHarness } from './CoreHarness.js';
import { driveToActive } from './journeys.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

interface Trace { readonly outcome: string; readonly eventId?: string; readonly note?: string }

/** An adapter whose webhooks are their JSON body (`{ events }`) and whose `ping` events mean what `map` says. */
function hooked(store: StoreUnderTest, id: string, map: (payload: Record<string, unknown>) => OperatorEventEffect, hooks: Partial<OperatorAdapter> = {}): OperatorAdapter {
  const reference = store.adapters[0]!;
  return defineAdapter({
    ...reference,
    manifest: { ...reference.manifest, id, sdkVersion: `^${SDK_VERSION}`, operatorEvents: { ping: { type: 'object' } } },
    receiveWebhook: (request) => JSON.parse(new TextDecoder().decode(request.body)) as never,
    mapOperatorEvent: (event) => map(event.payload as Record<string, unknown>),
    ...hooks,
  });
}

const webhook = (...events: unknown[]) => ({ body: new TextEncoder().encode(JSON.stringify({ events })), headers: {} });

/**
 * Issue 19's inbound mechanisms on a real store: redeliveries recognised by the operator's event id (a unique insert),
 * an event before its reference's link answered 503 and applied on its redelivery, and suspension reasons an adapter
 * may clear only when it raised them as its own.
 */
export function inboundOperatorEventSpecs(store: () => StoreUnderTest): void {
  const harness = (adapter: OperatorAdapter, settings: Partial<CoreSettings> = {}) => new CoreHarness(store().module(), { adapters: [adapter], settings });
  const traces = async (h: CoreHarness, context: Parameters<CoreHarness['events']['list']>[0], enrollmentId: string): Promise<Trace[]> =>
    (await h.events.list(context, { enrollmentId, types: ['participation.operator_event'] }, { page: 1, perPage: 100 })).data.map((event) => event.data as Trace);

  describe('redeliveries', () => {
    it('applies an event id once, with or without a sequence, and traces each redelivery duplicate without asking the adapter', async () => {
      let asked = 0;
      const h = harness(hooked(store(), 'redelivered', () => (asked++, { nativeState: `seen ${asked}` })));
      const { context, instance } = await h.tenant();
      const suzie = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-ID1'));
      const pid = suzie.participation!.id;
      const plain = { type: 'ping', payload: {}, id: 'op-evt-1', participationId: pid };
      const sequenced = { type: 'ping', payload: {}, id: 'op-evt-2', sequence: 7, stream: 'device', participationId: pid };
      const outcomes = [];
      for (const event of [plain, plain, sequenced, sequenced]) outcomes.push(...(await h.operatorWebhooks.receive(instance.id, webhook(event))).map((result) => result.outcome));
      expect(outcomes).to.deep.equal(['applied', 'duplicate', 'applied', 'duplicate']);
      expect(asked, 'the adapter maps each event once').to.equal(2);
      const recorded = await traces(h, context, suzie.id);
      expect(recorded.map(({ outcome, eventId }) => [outcome, eventId])).to.deep.equal([['applied', 'op-evt-1'], ['duplicate', 'op-evt-1'], ['applied', 'op-evt-2'], ['duplicate', 'op-evt-2']]);
      expect(recorded[1]!.note).to.match(/^event id 'op-evt-1' was received at \d{4}-/);
      expect((await h.enrollments.get(context, suzie.id)).participation!.operatorNativeState).to.equal('seen 2');
    });

    it('applies one of many concurrent deliveries of an event id, across processes', async () => {
      let asked = 0;
      const adapter = hooked(store(), 'raced-id', () => (asked++, { nativeState: 'LIVE' }));
      const [one, two] = [harness(adapter), harness(adapter)];
      const { context, instance } = await one.tenant();
      const suzie = await one.enrollments.create(context, instance.id, suzieWithDevice('SN-ID2'));
      const event = { type: 'ping', payload: {}, id: 'op-evt-raced', participationId: suzie.participation!.id };
      const results = await Promise.all(Array.from({ length: 6 }, (_, n) => (n % 2 === 0 ? one : two).operatorWebhooks.receive(instance.id, webhook(event))));
      expect(results.flat().map((result) => result.outcome).sort()).to.deep.equal(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
      // The adapter may be asked again by a writer that lost the append race (its answer is pure); it is applied once.
      expect(asked).to.be.at.least(1);
      expect((await traces(one, context, suzie.id)).map((trace) => trace.outcome).sort()).to.deep.equal(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    });

    it('applies the redelivery of an event whose delivery died after recording its id, once that receipt’s lease has run out', async () => {
      let asked = 0;
      const h = harness(hooked(store(), 'died-once', () => (asked++, { nativeState: 'LIVE' })));
      const { context, instance } = await h.tenant();
      const suzie = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-ID6'));
      const pid = suzie.participation!.id;
      await h.port(STORE_TOKENS.operatorEventIds).insert({
        workspaceId: instance.workspaceId, programInstanceId: instance.id, adapterId: 'died-once', eventId: 'op-evt-orphan',
        participationId: pid, enrollmentId: suzie.id, receivedAt: h.clock.now().toISOString(), receiptId: 'rcp_dead_delivery',
      });
      const event = { type: 'ping', payload: {}, id: 'op-evt-orphan', participationId: pid };
      const outcome = async () => (await h.operatorWebhooks.receive(instance.id, webhook(event)))[0]!.outcome;
      expect(await outcome(), 'within the lease: another delivery may still be applying it').to.equal('duplicate');
      h.clock.advance(RECEIPT_LEASE_MS);
      expect(await outcome(), 'no trace of it was applied: the receipt was a dead delivery’s').to.equal('applied');
      h.clock.advance(RECEIPT_LEASE_MS);
      expect(await outcome(), 'applied now, and traced').to.equal('duplicate');
      expect(asked).to.equal(1);
    });

    it('takes over a receipt past its lease whose event left no trace, and applies the event once', async () => {
      let asked = 0;
      const h = harness(hooked(store(), 'died-twice', () => (asked++, { nativeState: 'LIVE' })));
      const { context, instance } = await h.tenant();
      const suzie = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-ID7'));
      const pid = suzie.participation!.id;
      await h.port(STORE_TOKENS.operatorEventIds).insert({
        workspaceId: instance.workspaceId, programInstanceId: instance.id, adapterId: 'died-twice', eventId: 'op-evt-orphan',
        participationId: pid, enrollmentId: suzie.id, receivedAt: h.clock.now().toISOString(), receiptId: 'rcp_dead_delivery',
      });
      h.clock.advance(RECEIPT_LEASE_MS);
      const event = { type: 'ping', payload: {}, id: 'op-evt-orphan', participationId: pid };
      const results = await Promise.all([1, 2, 3].map(() => h.operatorWebhooks.receive(instance.id, webhook(event))));
      expect(results.flat().map((result) => result.outcome).sort()).to.deep.equal(['applied', 'duplicate', 'duplicate']);
      expect(asked).to.be.at.least(1);
      expect((await traces(h, context, suzie.id)).filter((trace) => trace.outcome === 'applied')).to.have.length(1);
    });

    it('forgets the id of an event it could not apply, so its redelivery is applied', async () => {
      let failures = 1;
      const h = harness(hooked(store(), 'failing-once', () => {
        if (failures-- > 0) throw new Error('mapping broke');
        return { nativeState: 'LIVE' };
      }));
      const { context, instance } = await h.tenant();
      const suzie = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-ID3'));
      const event = { type: 'ping', payload: {}, id: 'op-evt-failed', participationId: suzie.participation!.id };
      const first = await h.operatorWebhooks.receive(instance.id, webhook(event));
      const second = await h.operatorWebhooks.receive(instance.id, webhook(event));
      expect([first[0]!.outcome, second[0]!.outcome]).to.deep.equal(['failed', 'applied']);
    });
  });

  describe('an event before its reference is linked', () => {
    it('answers 503 reference_not_linked with Retry-After, records nothing of it, and applies its redelivery once the outbox item links the reference', async () => {
      const device = { kind: 'device', value: 'op-device-77' };
      const h = harness(hooked(store(), 'linked-late', () => ({ nativeState: 'LIVE' }), {
        onParticipationChanged: async (move, participation, context) => {
          if (move.to.state === 'AWAITING_CONSENT') await context.references.link(device, participation.id);
        },
      }), { operatorEventRetryAfterMs: 12_500 });
      const { context, instance } = await h.tenant();
      const suzie = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-ID4'));
      await h.participations.trigger(context, suzie.participation!.id, { trigger: 'consent_requested' });
      const event = { type: 'ping', payload: {}, id: 'op-evt-early', reference: device };
      const early = await h.operatorWebhooks.receive(instance.id, webhook(event)).catch((error: unknown) => error);
      expect(early).to.deep.include({ kind: 'unavailable', code: 'reference_not_linked', retryAfterSeconds: 13 });
      expect((early as { details: unknown }).details).to.deep.equal([{ field: '/events/0/reference', rule: 'linked', message: "The operator's device 'op-device-77' is not linked to a participation yet." }]);
      expect(await traces(h, context, suzie.id), 'nothing recorded').to.deep.equal([]);
      await h.outbox.drain();
      const redelivered = await h.operatorWebhooks.receive(instance.id, webhook(event));
      expect(redelivered.map(({ outcome, participationId }) => [outcome, participationId])).to.deep.equal([['applied', suzie.participation!.id]]);
      expect((await h.enrollments.get(context, suzie.id)).participation!.operatorNativeState).to.equal('LIVE');
    });

    it('applies the rest of a batch that waits for a link, and recognises them by their ids when the batch comes again', async () => {
      const h = harness(hooked(store(), 'batch-late', () => ({ nativeState: 'LIVE' })));
      const { context, instance } = await h.tenant();
      const suzie = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-ID5'));
      const known = { type: 'ping', payload: {}, id: 'op-evt-known', participationId: suzie.participation!.id };
      const early = { type: 'ping', payload: {}, id: 'op-evt-unlinked', reference: { kind: 'device', value: 'op-device-78' } };
      const first = await h.operatorWebhooks.receive(instance.id, webhook(known, early)).catch((error: { code: string }) => error.code);
      expect(first).to.equal('reference_not_linked');
      await h.operatorReferences.link(instance, { kind: 'device', value: 'op-device-78' }, suzie.participation!.id);
      const again = await h.operatorWebhooks.receive(instance.id, webhook(known, early));
      expect(again.map((result) => result.outcome)).to.deep.equal(['duplicate', 'applied']);
    });
  });

  describe('suspension reasons an adapter owns', () => {
    const pauses = (id: string) => hooked(store(), id, (payload) => payload);

    it('lets an adapter clear a reason it raised as its own, and not one a person raised, tracing that clear ignored', async () => {
      const h = harness(pauses('owned-pause'));
      const { context, instance } = await h.tenant();
      const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
      const pid = active.participation!.id;
      const send = async (id: string, effect: OperatorEventEffect) => (await h.operatorWebhooks.receive(instance.id, webhook({ type: 'ping', id, payload: effect, participationId: pid })))[0]!;
      await h.participations.trigger(context, pid, { trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST' });
      await send('low-battery', { trigger: 'suspension_raised', suspensionReason: 'CUSTOMER_REQUEST', owned: true });
      const owners = (await h.enrollments.get(context, active.id)).participation!.suspensionOwners;
      expect(owners).to.deep.equal({ OPERATOR_REQUEST: 'api', CUSTOMER_REQUEST: 'adapter' });

      const refused = await send('live-1', { trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' });
      expect([refused.outcome, refused.message]).to.deep.equal(['ignored', "suspension_cleared OPERATOR_REQUEST ignored: raised by api, not as the adapter's own"]);
      const cleared = await send('live-2', { steps: [{ trigger: 'suspension_cleared', suspensionReason: 'CUSTOMER_REQUEST' }, { trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' }] });
      expect([cleared.outcome, cleared.message]).to.deep.equal(['applied', "suspension_cleared OPERATOR_REQUEST ignored: raised by api, not as the adapter's own"]);
      const after = (await h.enrollments.get(context, active.id)).participation!;
      expect([after.state, after.suspensionReasons, after.suspensionOwners]).to.deep.equal(['SUSPENDED', ['OPERATOR_REQUEST'], { OPERATOR_REQUEST: 'api' }]);
      const recorded = await traces(h, context, active.id);
      expect(recorded.map((trace) => trace.outcome)).to.deep.equal(['applied', 'ignored', 'applied']);

      await h.participations.trigger(context, pid, { trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' });
      expect((await h.enrollments.get(context, active.id)).participation!.suspensionOwners, 'no reason, no owners').to.equal(undefined);
    });

    it('keeps a reason the adapter raised without owning it (the operator reporting a person’s request) for the API to clear', async () => {
      const h = harness(pauses('relayed-pause'));
      const { context, instance } = await h.tenant();
      const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
      const pid = active.participation!.id;
      const send = async (id: string, effect: OperatorEventEffect) => (await h.operatorWebhooks.receive(instance.id, webhook({ type: 'ping', id, payload: effect, participationId: pid })))[0]!;
      await send('customer-paused', { trigger: 'suspension_raised', suspensionReason: 'CUSTOMER_REQUEST' });
      expect((await send('resume', { trigger: 'suspension_cleared', suspensionReason: 'CUSTOMER_REQUEST' })).outcome).to.equal('ignored');
      const kept = (await h.enrollments.get(context, active.id)).participation!;
      expect([kept.suspensionReasons, kept.suspensionOwners]).to.deep.equal([['CUSTOMER_REQUEST'], { CUSTOMER_REQUEST: 'operator' }]);
      const shown = await h.events.list(context, { enrollmentId: active.id, types: ['participation.state_changed'] }, { page: 1, perPage: 100 });
      const raise = shown.data.find((event) => event.type === 'participation.state_changed' && event.data.trigger === 'suspension_raised')!;
      expect(raise.data, 'kept in the log').to.have.property('raisedBy', 'operator');
      expect(publicEventData(raise), 'never shown').to.not.have.property('raisedBy');
      await h.participations.trigger(context, pid, { trigger: 'suspension_cleared', suspensionReason: 'CUSTOMER_REQUEST' });
      expect((await h.enrollments.get(context, active.id)).participation!.state).to.equal('ACTIVE');
    });
  });
}
