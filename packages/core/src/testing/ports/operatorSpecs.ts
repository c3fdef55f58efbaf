import { expect } from 'chai';
import type { DeliveryAttempt } from '../../webhooks/dispatch/DeliveryAttempt.js';
import type { AdapterOutboxItem } from '../../operators/ports/AdapterOutboxRepository.js';
import type { OperatorReferenceLink } from '../../operators/ports/OperatorReferenceRepository.js';
import type { OperatorEventIdRecord } from '../../operators/ports/OperatorEventIdRepository.js';
import { at, T0 } from './fixtures.js';
import type { SpecPorts } from './SpecPorts.js';

const link = (overrides: Partial<OperatorReferenceLink> = {}): OperatorReferenceLink => ({
  workspaceId: 'ws_refs_a', programInstanceId: 'cinstanceaaaaaaaaaaaaaaaa', kind: 'device', value: 'krakenflex-device-7f3a',
  participationId: 'vpo_000000000000000000000001', enrollmentId: 'cenrollmentaaaaaaaaaaaaaa', linkedAt: T0, ...overrides,
});

const received = (overrides: Partial<OperatorEventIdRecord> = {}): OperatorEventIdRecord => ({
  workspaceId: 'ws_event_ids_a', programInstanceId: 'cinstanceaaaaaaaaaaaaaaaa', adapterId: 'kraken', eventId: 'kraken-evt-0001',
  participationId: 'vpo_000000000000000000000001', enrollmentId: 'cenrollmentaaaaaaaaaaaaaa', receivedAt: T0, receiptId: 'rcp_0', ...overrides,
});

const item = (overrides: Partial<AdapterOutboxItem> = {}): AdapterOutboxItem => ({
  id: 'obx_0001', workspaceId: 'ws_outbox_a', programInstanceId: 'cinstanceaaaaaaaaaaaaaaaa', adapterId: 'kraken',
  enrollmentId: 'cenrollmentaaaaaaaaaaaaaa', participationId: 'vpo_000000000000000000000001', seq: 2,
  move: { trigger: 'consent_requested', from: { state: 'ENROLMENT_REQUESTED', suspensionReasons: [] }, to: { state: 'AWAITING_CONSENT', suspensionReasons: [] }, currentStatus: 'candidate' },
  status: 'pending', attempts: 0, attemptLimit: 8, nextAttemptAt: T0, createdAt: T0, updatedAt: T0, ...overrides,
});

/** The operator references map and the adapter outbox: unique inserts, lookups by equality, tenancy. */
export function operatorSpecs(ports: () => SpecPorts): void {
  it('links an operator reference once among 50 concurrent claimants, per instance, and releases it only for its holder', async () => {
    const claimants = Array.from({ length: 50 }, (_, n) => link({ participationId: `vpo_${String(n).padStart(24, '0')}` }));
    const results = await Promise.all(claimants.map((candidate) => ports().operatorReferences.insert(candidate)));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    const holder = await ports().operatorReferences.find('ws_refs_a', link().programInstanceId, 'device', link().value);
    expect(claimants).to.deep.include(holder);
    expect(await ports().operatorReferences.find('ws_refs_b', link().programInstanceId, 'device', link().value), 'another workspace').to.equal(undefined);
    expect(await ports().operatorReferences.insert(link({ programInstanceId: 'cinstancebbbbbbbbbbbbbbbb' })), 'another instance').to.equal('inserted');
    expect(await ports().operatorReferences.insert(link({ kind: 'account', value: 'A-1234ABCD', participationId: holder!.participationId, linkedAt: at(1) }))).to.equal('inserted');
    expect(await ports().operatorReferences.listForParticipation('ws_refs_a', link().programInstanceId, holder!.participationId)).to.deep.equal([
      holder, link({ kind: 'account', value: 'A-1234ABCD', participationId: holder!.participationId, linkedAt: at(1) }),
    ]);
    await ports().operatorReferences.release('ws_refs_a', link().programInstanceId, 'device', link().value, 'vpo_not_the_holder');
    expect(await ports().operatorReferences.find('ws_refs_a', link().programInstanceId, 'device', link().value)).to.deep.equal(holder);
    await ports().operatorReferences.release('ws_refs_a', link().programInstanceId, 'device', link().value, holder!.participationId);
    expect(await ports().operatorReferences.find('ws_refs_a', link().programInstanceId, 'device', link().value)).to.equal(undefined);
  });

  it('records an operator event id once among 50 concurrent receipts, per workspace, instance and adapter, and forgets it only for its receipt', async () => {
    const receipts = Array.from({ length: 50 }, (_, n) => received({ receiptId: `rcp_${n}` }));
    const results = await Promise.all(receipts.map((receipt) => ports().operatorEventIds.insert(receipt)));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    const kept = await ports().operatorEventIds.find('ws_event_ids_a', received().programInstanceId, 'kraken', received().eventId);
    expect(kept).to.deep.equal(received({ receiptId: kept!.receiptId }));
    expect(await ports().operatorEventIds.find('ws_event_ids_b', received().programInstanceId, 'kraken', received().eventId), 'another workspace').to.equal(undefined);
    expect(await ports().operatorEventIds.insert(received({ programInstanceId: 'cinstancebbbbbbbbbbbbbbbb' })), 'another instance').to.equal('inserted');
    expect(await ports().operatorEventIds.insert(received({ adapterId: 'flatpeak' })), 'another adapter').to.equal('inserted');
    await ports().operatorEventIds.release('ws_event_ids_a', received().programInstanceId, 'kraken', received().eventId, 'rcp_not_the_one');
    expect(await ports().operatorEventIds.find('ws_event_ids_a', received().programInstanceId, 'kraken', received().eventId), 'another receipt cannot forget it').to.not.equal(undefined);
    await ports().operatorEventIds.release('ws_event_ids_a', received().programInstanceId, 'kraken', received().eventId, kept!.receiptId);
    expect(await ports().operatorEventIds.find('ws_event_ids_a', received().programInstanceId, 'kraken', received().eventId)).to.equal(undefined);
    expect(await ports().operatorEventIds.insert(received()), 'recorded again once forgotten').to.equal('inserted');
  });

  it('enqueues an outbox item once, lists the pending ones of every workspace oldest first, and one instance’s by status', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => ports().adapterOutbox.enqueue(item())));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    await ports().adapterOutbox.enqueue(item({ id: 'obx_0002', seq: 3, createdAt: at(1) }));
    await ports().adapterOutbox.enqueue(item({ id: 'obx_0003', workspaceId: 'ws_outbox_b', createdAt: at(-1) }));
    await ports().adapterOutbox.enqueue(item({ id: 'obx_0004', status: 'dead', attempts: 8, lastError: 'the operator answered 503', createdAt: at(2) }));
    const pending = (await ports().adapterOutbox.listPending(100)).filter((entry) => entry.workspaceId.startsWith('ws_outbox_'));
    expect(pending.map((entry) => entry.id)).to.deep.equal(['obx_0003', 'obx_0001', 'obx_0002']);
    expect((await ports().adapterOutbox.listPending(1)).length).to.equal(1);
    expect(await ports().adapterOutbox.get('ws_outbox_b', 'obx_0001'), 'another workspace').to.equal(undefined);
    const dead = await ports().adapterOutbox.listByInstance('ws_outbox_a', item().programInstanceId, 'dead', { page: 1, perPage: 10 });
    expect([dead.totalItems, dead.data[0]]).to.deep.equal([1, item({ id: 'obx_0004', status: 'dead', attempts: 8, lastError: 'the operator answered 503', createdAt: at(2) })]);
    const page = await ports().adapterOutbox.listByInstance('ws_outbox_a', item().programInstanceId, 'pending', { page: 2, perPage: 1 });
    expect([page.totalItems, page.totalPages, page.data.map((entry) => entry.id)]).to.deep.equal([2, 2, ['obx_0002']]);

    const delivered = item({ status: 'delivered', attempts: 1, deliveredAt: at(3), updatedAt: at(3) });
    await ports().adapterOutbox.replace(delivered);
    expect(await ports().adapterOutbox.get('ws_outbox_a', 'obx_0001')).to.deep.equal(delivered);
    expect((await ports().adapterOutbox.listPending(100)).map((entry) => entry.id)).to.not.include('obx_0001');
  });

  it('leases one attempt of an item, in the attempts port, to one of 20 concurrent workers', async () => {
    const leases = Array.from({ length: 20 }, (_, n): DeliveryAttempt => ({ id: `att_obx_lease_${n}`, workspaceId: 'ws_outbox_a', subjectId: 'obx_lease', attempt: 1, claimedBy: `wrk_${n}`, claimedAt: T0, leaseExpiresAt: at(1) }));
    const results = await Promise.all(leases.map((lease) => ports().deliveryAttempts.claim(lease)));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    expect(leases).to.deep.include((await ports().deliveryAttempts.listForSubject('ws_outbox_a', 'obx_lease'))[0]);
    expect(await ports().deliveryAttempts.claim({ ...leases[0]!, id: 'att_obx_lease_second', attempt: 2 })).to.equal('inserted');
    expect((await ports().deliveryAttempts.listForSubject('ws_outbox_a', 'obx_lease')).map((lease) => lease.attempt)).to.deep.equal([1, 2]);
  });

  it('finds a program instance by id alone, whichever workspace holds it', async () => {
    const instance = {
      id: 'cwebhookinstance000000001', workspaceId: 'ws_webhooks', programId: 'vpr_6a1f8e375db9de605baadd46', name: 'Kraken 2025',
      adapter: { adapterId: 'kraken', config: {} }, meterAccessRequired: false, noticePeriodDays: 30, telemetryStalenessHours: 24, createdAt: T0, updatedAt: T0,
    };
    await ports().programInstances.insert(instance);
    expect(await ports().programInstances.findAnywhere(instance.id)).to.deep.equal(instance);
    expect(await ports().programInstances.findAnywhere('cnotaninstance00000000000')).to.equal(undefined);
  });
}
