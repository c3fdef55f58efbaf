import 'reflect-metadata';
import { expect } from 'chai';
import { defineAdapter, SDK_VERSION, statusForParticipationState, triggerForStatusMove, Type, type AdapterManifest, type InboundWebhookResult } from '@flexroll/sdk';
import { AdapterKit } from './AdapterKit.js';
import { reachState } from './reachState.js';

/** An operator whose webhooks carry `{ events: [{ id, device, status }] }` (a real one would be signed) and who pauses a device at low battery. */
const manifest: AdapterManifest = {
  id: 'acme-battery', name: 'Acme battery', version: '0.1.0', sdkVersion: `^${SDK_VERSION}`,
  configSchema: Type.Object({}), capabilities: { meterAccess: 'optional', drivenTriggers: ['suspension_raised', 'suspension_cleared'] },
  operatorEvents: { 'battery.status': Type.Object({ status: Type.Union([Type.Literal('LOW'), Type.Literal('OK')]) }) },
};

const acme = defineAdapter({
  manifest,
  triggerForStatusMove: ({ from, to, participation }) => triggerForStatusMove(from, to, participation.state),
  statusForParticipation: (move) => statusForParticipationState(move.to.state, move.from.state, move.currentStatus),
  receiveWebhook: (request): InboundWebhookResult => {
    const { events } = JSON.parse(new TextDecoder().decode(request.body)) as { events: { id: string; device: string; status: string }[] };
    return { events: events.map((event) => ({ id: event.id, type: 'battery.status', payload: { status: event.status }, reference: { kind: 'device', value: event.device } })) };
  },
  // The low-battery pause is the operator's own: raised as owned, so its OK clears it — and clears nothing a person raised.
  mapOperatorEvent: (event, participation) => {
    const { status } = event.payload as { status: 'LOW' | 'OK' };
    if (status === 'LOW' && participation.state === 'ACTIVE') return { trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST', owned: true, reason: 'Acme: battery low' };
    if (status === 'OK' && participation.suspensionReasons.includes('OPERATOR_REQUEST')) return { trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST', reason: 'Acme: battery OK' };
    return {};
  },
});

const webhook = (...events: { id: string; device: string; status: string }[]) => ({ body: new TextEncoder().encode(JSON.stringify({ events })), headers: {} });

describe('@flexroll/testkit: inbound events as an adapter author meets them', () => {
  it('recognises a redelivered event by its id, and answers an event before its reference is linked 503 reference_not_linked', async () => {
    const kit = new AdapterKit(acme, 'redeliveries and the link');
    const active = await reachState(kit, 'ACTIVE');
    const low = { id: 'acme-1', device: 'acme-dev-1', status: 'LOW' };
    const early = await kit.harness.operatorWebhooks.receive(kit.instance.id, webhook(low)).catch((error: { code: string; retryAfterSeconds: number }) => [error.code, error.retryAfterSeconds]);
    expect(early, 'sent before the reference was linked: retry later').to.deep.equal(['reference_not_linked', 30]);
    await kit.harness.operatorReferences.link(kit.instance, { kind: 'device', value: 'acme-dev-1' }, active.participation!.id);
    const first = await kit.harness.operatorWebhooks.receive(kit.instance.id, webhook(low));
    const again = await kit.harness.operatorWebhooks.receive(kit.instance.id, webhook(low));
    expect([first[0]!.outcome, again[0]!.outcome]).to.deep.equal(['applied', 'duplicate']);
    await kit.expectState(active.id, 'SUSPENDED');
    await kit.harness.operatorWebhooks.receive(kit.instance.id, webhook({ id: 'acme-2', device: 'acme-dev-1', status: 'OK' }));
    await kit.expectState(active.id, 'ACTIVE');
  });

  it('lets the adapter clear its own pause only: a pause a person raised stays, and the clear is traced ignored', async () => {
    const kit = new AdapterKit(acme, 'owned suspension reasons');
    const paused = await reachState(kit, 'SUSPENDED');
    await kit.harness.operatorReferences.link(kit.instance, { kind: 'device', value: 'acme-dev-2' }, paused.participation!.id);
    const [ok] = await kit.harness.operatorWebhooks.receive(kit.instance.id, webhook({ id: 'acme-3', device: 'acme-dev-2', status: 'OK' }));
    expect([ok!.outcome, ok!.message]).to.deep.equal(['ignored', "suspension_cleared OPERATOR_REQUEST ignored: raised by api, not as the adapter's own"]);
    await kit.expectState(paused.id, 'SUSPENDED');
    await kit.expectNoAdapterFailures(paused.id);
  });
});
