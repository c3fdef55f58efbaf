import { expect } from 'chai';
import type { EnrollmentEventRepository } from '../enrollments/ports/EnrollmentEventRepository.js';
import { claimNextAttempt } from '../platform/leases/claimNextAttempt.js';
import { Lease } from '../platform/leases/Lease.js';
import { retriedWork } from '../platform/retry/retriedWork.js';
import { DEFAULT_CORE_SETTINGS } from '../platform/CoreSettings.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { signWebhook } from '../webhooks/signing/signWebhook.js';
import { harnessOn } from './CoreHarness.js';
import { ScriptedTransport, status } from './ScriptedTransport.js';
import type { StoreUnderTest } from './StoreUnderTest.js';
import { seqsByEnrollment, SPEC_SETTINGS, webhookWorld } from './webhookDispatchSpecs.js';

const DAY = 24 * 60 * 60 * 1000;

/** What goes wrong: schedules that run out, receivers that say 429 or 410, endpoints failing for days, workers that die. */
export function webhookRobustnessSpecs(store: () => StoreUnderTest): void {
  it('retries on the schedule, marks a message failed when it runs out (releasing its enrollment), and replays it with the same webhook-id', async () => {
    const w = await webhookWorld(store(), { webhookRetryScheduleMs: [1_000, 2_000] });
    const id = await w.enroll('SN-HOOK-SCHEDULE');
    let failCreated = true;
    w.transport.answer = ({ payload }) => (failCreated && payload.type === 'enrollment.created' ? status(500) : status(200));
    await w.api.enrollments.update(w.context, id, { changes: { phone: '+1987654321' } });
    for (const wait of [0, 1_000, 2_000]) {
      w.api.clock.advance(wait);
      await w.drain();
    }
    const created = w.received().filter((delivery) => delivery.payload.type === 'enrollment.created');
    expect(created).to.have.length(3);
    expect(seqsByEnrollment(w.received())[id]!.slice(3), 'the rest follow once the first has failed for good').to.not.deep.equal([]);
    const [failed] = (await w.api.webhookLog.listMessages(w.context, w.endpointId, { state: 'failed' }, { page: 1, perPage: 10 })).data;
    expect(failed).to.deep.include({ attempts: 3, lastStatusCode: 500, type: 'enrollment.created' });

    failCreated = false;
    expect(await w.api.webhookLog.replayFailedSince(w.context, w.endpointId, '2000-01-01T00:00:00Z')).to.equal(1);
    await w.drain();
    const replayed = w.received().at(-1)!;
    expect([replayed.payload.id, replayed.headers['webhook-id']]).to.deep.equal([created[0]!.payload.id, created[0]!.payload.id]);
    expect((await w.api.webhookLog.getMessage(w.context, w.endpointId, failed!.id)).state).to.equal('delivered');
  });

  it('honours Retry-After on a 429; a 410 disables the endpoint and tells the workspace’s other endpoints', async () => {
    const w = await webhookWorld(store());
    const watcher = await w.api.webhookEndpoints.create(w.context, { url: `${w.url}-watcher`, eventTypes: ['webhook_endpoint.disabled'] });
    w.transport.answer = ({ url }) => (url === w.url ? status(429, { retryAfter: '120' }) : status(204));
    await w.enroll('SN-HOOK-429');
    await w.drain();
    const [message] = (await w.api.webhookLog.listMessages(w.context, w.endpointId, {}, { page: 1, perPage: 10 })).data;
    expect(message!.nextAttemptAt).to.equal(new Date(w.api.clock.now().getTime() + 120_000).toISOString());

    w.transport.answer = ({ url }) => (url === w.url ? status(410) : status(204));
    w.api.clock.advance(120_000);
    await w.drain();
    expect(await w.api.webhookEndpoints.get(w.context, w.endpointId)).to.deep.include({ status: 'disabled', disabledReason: 'gone' });
    const notices = w.transport.to(watcher.endpoint.url);
    expect(notices.map((notice) => [notice.payload.type, notice.payload.data.endpointId, notice.payload.data.reason, notice.payload.enrollmentId])).to.deep.equal([
      ['webhook_endpoint.disabled', w.endpointId, 'gone', null],
    ]);
  });

  it('disables an endpoint that has failed for five days without a success', async () => {
    const w = await webhookWorld(store());
    w.transport.answer = () => status(503);
    await w.enroll('SN-HOOK-DAY-1');
    await w.drain();
    expect((await w.api.webhookEndpoints.get(w.context, w.endpointId)).failingSince).to.equal(w.api.clock.now().toISOString());
    w.api.clock.advance(5 * DAY - 3_000); // and a second more in the drain
    await w.enroll('SN-HOOK-DAY-5');
    await w.drain();
    expect((await w.api.webhookEndpoints.get(w.context, w.endpointId)).status).to.equal('enabled');
    w.api.clock.advance(2_000);
    await w.enroll('SN-HOOK-DAY-5B');
    await w.drain();
    expect(await w.api.webhookEndpoints.get(w.context, w.endpointId)).to.deep.include({ status: 'disabled', disabledReason: 'failing' });
  });

  it('never sends one attempt twice when two dispatchers run at once', async () => {
    const w = await webhookWorld(store());
    const second = new ScriptedTransport();
    const otherWorker = harnessOn(store(), w.api.clock, { settings: SPEC_SETTINGS, webhookTransport: second });
    for (let n = 0; n < 5; n++) await w.enroll(`SN-HOOK-PAIR-${n}`);
    w.api.clock.advance(1_000); // the second they were written in settles
    for (let round = 0; round < 5; round++) await Promise.all([w.worker.webhookDispatcher.runOnce(), otherWorker.webhookDispatcher.runOnce()]);
    const all = [...w.received(), ...second.to(w.url)];
    expect(all).to.have.length((await w.api.events.list(w.context, {}, { page: 1, perPage: 100 })).data.length);
    expect(new Set(all.map((delivery) => delivery.payload.id)).size).to.equal(all.length);
  });

  it('loses nothing when a dispatcher dies mid-delivery: its 10 s lease runs out and the next attempt carries the same webhook-id', async () => {
    const w = await webhookWorld(store());
    const stuck = new ScriptedTransport();
    stuck.answer = () => 'hang';
    const dying = harnessOn(store(), w.api.clock, { settings: SPEC_SETTINGS, webhookTransport: stuck });
    const id = await w.enroll('SN-HOOK-LEASE');
    await w.api.enrollments.update(w.context, id, { changes: { phone: '+1987654321' } });
    w.api.clock.advance(1_000); // the second they were written in settles
    void dying.webhookDispatcher.runOnce();
    while (stuck.to(w.url).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    // A drain first moves the clock a second on (the feed's second settles): this one runs 2 ms before the lease ends.
    w.api.clock.advance(10_000 - 1_000 - 2);
    await w.drain();
    expect(w.received(), 'the lease is live: nobody else sends').to.deep.equal([]);
    // The holder's heartbeat renews nothing now (it is past its own expiry, and knows it): taken over after one
    // 10 s lease, not a minute.
    await w.drain();
    expect(w.received()[0]!.payload.id).to.equal(stuck.to(w.url)[0]!.payload.id);
    const log = await w.api.events.list(w.context, { enrollmentId: id }, { page: 1, perPage: 100 });
    expect(seqsByEnrollment(w.received())[id]).to.deep.equal(log.data.map((event) => event.seq));
    const first = (await w.api.webhookLog.listMessages(w.context, w.endpointId, {}, { page: 1, perPage: 1 })).data[0]!;
    expect((await w.api.webhookLog.listAttempts(w.context, w.endpointId, first.id)).map((attempt) => attempt.outcome)).to.deep.equal(['abandoned', 'succeeded']);
  });

  it('loses nothing when a dispatcher dies between reading the feed and fanning its events out', async () => {
    const w = await webhookWorld(store());
    const dying = harnessOn(store(), w.api.clock, { settings: SPEC_SETTINGS, webhookTransport: new ScriptedTransport() });
    const messages = dying.port(STORE_TOKENS.webhookMessages);
    dying.replacePort(STORE_TOKENS.webhookMessages, new Proxy(messages, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key);
        if (key === 'insert') return () => Promise.reject(new Error('simulated kill -9 before the fan-out'));
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }));
    const id = await w.enroll('SN-HOOK-FEED-KILL');
    w.api.clock.advance(1_000); // the second it was written in settles
    const died = await dying.webhookDispatcher.runOnce().then(() => undefined, (error: unknown) => error);
    expect(String(died)).to.match(/simulated kill/);
    // Another worker, starting from the feed's stored position, still finds the enrollment's events.
    await w.drain();
    const log = await w.api.events.list(w.context, { enrollmentId: id }, { page: 1, perPage: 100 });
    expect(seqsByEnrollment(w.received())[id]).to.deep.equal(log.data.map((event) => event.seq));
  });

  it('keeps a live holder’s claim past its short lease while its heartbeat renews it, up to the POST’s timeout', async () => {
    const w = await webhookWorld(store());
    const attempts = w.worker.port(STORE_TOKENS.deliveryAttempts);
    const { leaseMs, maxHoldMs } = retriedWork(DEFAULT_CORE_SETTINGS).webhookDelivery;
    const claimBy = (claimedBy: string) => claimNextAttempt(attempts, { workspaceId: w.context.workspaceId, subjectId: 'msg_slow_receiver', knownAttempts: 0, claimedBy, now: w.api.clock.now(), leaseMs });
    const claim = await claimBy('live');
    if (claim.kind !== 'claimed') throw new Error(`expected a claim, got ${claim.kind}`);
    const lease = new Lease(attempts, claim.attempt, leaseMs, w.api.clock, maxHoldMs);
    for (let beat = 1; beat <= 4; beat++) {
      w.api.clock.advance(3_000);
      expect(await lease.renew(), `beat ${beat}`).to.equal(true);
    }
    expect(await claimBy('other'), 'past one lease from the claim, the renewed claim still holds').to.deep.equal({ kind: 'busy' });
    // Past the POST's timeout the holder renews no more: a stuck call's claim runs out like a dead holder's.
    w.api.clock.advance(maxHoldMs - 4 * 3_000);
    expect(await lease.renew()).to.equal(true);
    w.api.clock.advance(leaseMs);
    expect(await lease.renew()).to.equal(false);
    expect((await claimBy('other')).kind).to.equal('claimed');
  });

  it('delivers the rest of a change that a crash cut short, in order, with no gap', async () => {
    const w = await webhookWorld(store());
    const id = await w.enroll('SN-HOOK-CRASH');
    await w.drain();
    const crashing = harnessOn(store(), w.api.clock, { settings: SPEC_SETTINGS });
    const events = crashing.port(STORE_TOKENS.events);
    let inserts = 0;
    const insert: EnrollmentEventRepository['insert'] = async (event) => {
      if (++inserts > 1) throw new Error('simulated crash after the first event of the batch');
      return events.insert(event);
    };
    // A batch goes in as one ordered insert: the crash comes after its head.
    const insertInOrder: EnrollmentEventRepository['insertInOrder'] = async (batch) => {
      await events.insert(batch[0]!);
      throw new Error('simulated crash after the first event of the batch');
    };
    const failing = new Proxy(events, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key);
        return key === 'insert' ? insert : key === 'insertInOrder' ? insertInOrder : typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    crashing.replacePort(STORE_TOKENS.events, failing);
    await crashing.enrollments.update(w.context, id, { status: 'ineligible', reason: 'cut short' }).catch(() => undefined);
    await w.drain();
    const seqs = seqsByEnrollment(w.received())[id]!;
    expect(seqs).to.deep.equal(Array.from({ length: seqs.length }, (_, n) => n + 1));
    expect(w.received().map((delivery) => delivery.payload.type)).to.include('enrollment.status_changed');
  });

  it('signs with both secrets during a rotation’s overlap, and with the new one alone after it', async () => {
    const w = await webhookWorld(store());
    const { secret } = await w.api.webhookEndpoints.rotateSecret(w.context, w.endpointId);
    const id = await w.enroll('SN-HOOK-ROTATE');
    await w.drain();
    const during = w.received().at(-1)!;
    const both = signWebhook(during.payload.id, Number(during.headers['webhook-timestamp']), during.body, [secret, w.secret]);
    expect(during.headers['webhook-signature']).to.equal(both['webhook-signature']).and.match(/^v1,\S+ v1,\S+$/);
    w.api.clock.advance(DAY + 1);
    await w.api.enrollments.update(w.context, id, { changes: { phone: '+1987654321' } });
    await w.drain();
    const after = w.received().at(-1)!;
    expect(after.headers['webhook-signature']).to.equal(signWebhook(after.payload.id, Number(after.headers['webhook-timestamp']), after.body, [secret])['webhook-signature']);
  });
}
