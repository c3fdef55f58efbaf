import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { CoreSettings } from '../platform/CoreSettings.js';
import type { CallContext } from '../platform/CallContext.js';
import { suzieWithDevice } from '../seeds/seedExamples.js';
import { signWebhook } from '../webhooks/signing/signWebhook.js';
import { WEBHOOK_FEED_CURSOR } from '../webhooks/dispatch/WebhookDispatcher.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { CoreHarness, harnessOn } from './CoreHarness.js';
import { ScriptedTransport, status, type ReceivedWebhook } from './ScriptedTransport.js';
import { isEnrollmentEvent } from '../enrollments/index.js';
import type { StoreUnderTest } from './StoreUnderTest.js';
import { webhookRobustnessSpecs } from './webhookRobustnessSpecs.js';

/** How far the clock moves before a drain, for the worker's feed to read the second just written in. */
const FEED_SECOND = 1_000;

/** The specs' endpoints go nowhere real (the transport is scripted), so the SSRF guard's development allowance is on, knowingly. */
export const SPEC_SETTINGS: Partial<CoreSettings> = { webhookAllowPrivateNetworks: true, webhookRetryJitter: 0, feedSettleMs: 0 };

export interface WebhookWorld {
  readonly api: CoreHarness;
  readonly worker: CoreHarness;
  readonly transport: ScriptedTransport;
  readonly context: CallContext;
  readonly instanceId: string;
  readonly url: string;
  readonly endpointId: string;
  readonly secret: string;
  /** Lets the current second settle (a second passes), then runs the worker's dispatcher until a run delivers nothing. */
  drain(): Promise<void>;
  received(): ReceivedWebhook[];
  enroll(serial: string): Promise<string>;
}

/**
 * An API process and a worker process on one store (separate containers, one clock), and an endpoint taking every
 * event. `startAt`: where the clock starts (the seed time unless given), for a world whose seconds hold its events alone.
 */
export async function webhookWorld(store: StoreUnderTest, settings: Partial<CoreSettings> = {}, eventTypes?: string[], startAt?: string): Promise<WebhookWorld> {
  const transport = new ScriptedTransport();
  const api = harnessOn(store, undefined, { settings: { ...SPEC_SETTINGS, ...settings } });
  const worker = harnessOn(store, api.clock, { settings: { ...SPEC_SETTINGS, ...settings }, webhookTransport: transport });
  if (startAt !== undefined) api.clock.set(startAt);
  // Each world's clock starts again at the seed time on a store the earlier ones used: their feed position, ahead of
  // this world's time, is forgotten (a store's clock only goes forward).
  await api.port(STORE_TOKENS.cursors).put({ key: WEBHOOK_FEED_CURSOR, value: api.clock.now().toISOString(), updatedAt: api.clock.now().toISOString() });
  const { context, instance } = await api.tenant(`Hooks ${randomBytes(3).toString('hex')}`);
  const url = `https://hooks.example.com/${randomBytes(6).toString('hex')}`;
  const { endpoint, secret } = await api.webhookEndpoints.create(context, { url, eventTypes: eventTypes ?? ['enrollment.created', 'enrollment.updated', 'enrollment.status_changed', 'participation.state_changed', 'participation.updated'] });
  return {
    api, worker, transport, context, instanceId: instance.id, url, endpointId: endpoint.id, secret,
    async drain() {
      // Another process's events reach the worker once their second has settled (ADR 0018; no settle margin here).
      worker.clock.advance(FEED_SECOND);
      for (let run = 0; run < 20; run++) if ((await worker.webhookDispatcher.runOnce()) === 0 && run > 0) return;
    },
    received: () => transport.to(url),
    enroll: async (serial) => (await api.enrollments.create(context, instance.id, suzieWithDevice(serial))).id,
  };
}

/** Each enrollment's `seq`s in the order they arrived. */
export function seqsByEnrollment(received: readonly ReceivedWebhook[]): Record<string, number[]> {
  const byEnrollment: Record<string, number[]> = {};
  for (const { payload } of received) if (payload.enrollmentId !== null) (byEnrollment[payload.enrollmentId] ??= []).push(payload.seq!);
  return byEnrollment;
}

/** The webhook dispatcher on this store: fan-out, order, signing, retries, disabling, leases, crashes. */
export function webhookDispatchSpecs(store: () => StoreUnderTest): void {
  it('delivers every subscribed event appended by another process once, signed, in seq order per enrollment', async () => {
    const w = await webhookWorld(store());
    const suzie = await w.enroll('SN-HOOK-1');
    const other = await w.enroll('SN-HOOK-2');
    await w.api.enrollments.update(w.context, suzie, { changes: { phone: '+1987654321' } });
    await w.api.enrollments.update(w.context, suzie, { status: 'ineligible', reason: 'Outside service area' });
    await w.drain();

    const log = await w.api.events.list(w.context, {}, { page: 1, perPage: 100 });
    const expected: Record<string, number[]> = {};
    for (const event of log.data.filter(isEnrollmentEvent)) (expected[event.enrollmentId] ??= []).push(event.seq);
    for (const seqs of Object.values(expected)) seqs.sort((a, b) => a - b);
    expect(seqsByEnrollment(w.received())).to.deep.equal(expected);
    expect(Object.keys(expected)).to.have.members([suzie, other]);
    for (const delivery of w.received()) {
      const { 'webhook-timestamp': timestamp, traceparent, ...signed } = delivery.headers;
      expect({ 'webhook-timestamp': timestamp, ...signed }).to.deep.equal({ ...signWebhook(delivery.payload.id, Number(timestamp), delivery.body, [w.secret]) });
      expect(traceparent, 'the message’s trace, per W3C Trace Context').to.match(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
      expect(delivery.payload.id).to.equal(delivery.headers['webhook-id']);
    }
    expect(new Set(w.received().map((delivery) => delivery.payload.id)).size).to.equal(w.received().length);
    const messages = await w.api.webhookLog.listMessages(w.context, w.endpointId, {}, { page: 1, perPage: 100 });
    expect(messages.data.map((message) => message.state)).to.satisfy((states: string[]) => states.every((state) => state === 'delivered'));
  });

  it('leaves out types an endpoint does not take, other program instances, and events from before it existed', async () => {
    const w = await webhookWorld(store(), {}, ['enrollment.status_changed']);
    const before = await w.enroll('SN-HOOK-EARLY');
    w.api.clock.advance(1_000);
    const otherInstance = await w.api.instances.create(w.context, { programId: (await w.api.instances.get(w.context, w.instanceId)).programId, name: 'Other' });
    const filtered = await w.api.webhookEndpoints.create(w.context, { url: `${w.url}-filtered`, eventTypes: ['enrollment.created'], programInstanceId: otherInstance.id });
    const late = await w.enroll('SN-HOOK-LATE');
    await w.api.enrollments.update(w.context, late, { status: 'ineligible' });
    await w.api.enrollments.update(w.context, before, { status: 'ineligible' });
    const inOther = await w.api.enrollments.create(w.context, otherInstance.id, suzieWithDevice('SN-HOOK-OTHER'));
    await w.drain();
    expect(w.received().map((delivery) => [delivery.payload.type, delivery.payload.enrollmentId])).to.have.deep.members([
      ['enrollment.status_changed', late], ['enrollment.status_changed', before],
    ]);
    expect(w.transport.to(filtered.endpoint.url).map((delivery) => [delivery.payload.type, delivery.payload.enrollmentId])).to.deep.equal([['enrollment.created', inOther.id]]);
  });

  it('holds back only the failing enrollment’s later events, and sends them in order once it recovers', async () => {
    const w = await webhookWorld(store());
    const failing = await w.enroll('SN-HOOK-FAIL');
    let down = true;
    w.transport.answer = ({ payload }) => (down && payload.enrollmentId === failing ? status(500, { body: 'x'.repeat(5_000) }) : status(204));
    await w.api.enrollments.update(w.context, failing, { changes: { phone: '+1987654321' } });
    const healthy = await w.enroll('SN-HOOK-FINE');
    await w.drain();
    expect(seqsByEnrollment(w.received())).to.deep.equal({ [failing]: [1], [healthy]: [1] });

    const [first] = (await w.api.webhookLog.listMessages(w.context, w.endpointId, { state: 'pending' }, { page: 1, perPage: 10 })).data;
    const [attempt] = await w.api.webhookLog.listAttempts(w.context, w.endpointId, first!.id);
    expect(attempt).to.deep.include({ attempt: 1, statusCode: 500, outcome: 'failed', nextAttemptAt: new Date(w.api.clock.now().getTime() + 5_000).toISOString() });
    expect(attempt!.responseBody).to.have.length(1024);

    down = false;
    w.api.clock.advance(3_000); // and a second more in the drain: 4 s after the attempt
    await w.drain();
    expect(seqsByEnrollment(w.received())[failing], 'not before the 5 s retry').to.deep.equal([1]);
    w.api.clock.advance(1_000);
    await w.drain();
    const log = await w.api.events.list(w.context, { enrollmentId: failing }, { page: 1, perPage: 100 });
    expect(seqsByEnrollment(w.received())[failing]).to.deep.equal([1, ...log.data.map((event) => event.seq)]);
  });

  webhookRobustnessSpecs(store);
}
