import { expect } from 'chai';
import type { BackgroundRunner } from '@flexroll/core';
import { SUZIE } from '../support/fixtures.js';
import { describeOnEachStore } from '../support/stores.js';
import { TestServer } from '../support/TestServer.js';
import { LOOPBACK_RECEIVERS, WebhookReceiver } from '../support/WebhookReceiver.js';
import { buildWorld, type World } from '../support/World.js';

/** A timeout far beyond the test's waits: the hanging request stays open until the test lets it go. */
const SETTINGS = { ...LOOPBACK_RECEIVERS, webhookTimeoutMs: 120_000, webhookLeaseMs: 10_000 };
const TYPES = ['enrollment.created', 'enrollment.updated'];

describeOnEachStore('A hanging webhook receiver holds back only its own enrollment’s stream', (store) => {
  let server: TestServer;
  let runner: BackgroundRunner;
  let world: World;
  let first: WebhookReceiver;
  let second: WebhookReceiver;
  before(async function () {
    this.timeout(60_000);
    server = await TestServer.start(store, { systemClock: true, coreSettings: SETTINGS, rateLimitPerMinute: 100_000 });
    [first, second] = await Promise.all([WebhookReceiver.start(), WebhookReceiver.start()]);
    runner = server.backgroundRunner(['sweeps']);
    runner.start();
    world = await buildWorld(server, 'Leap Energy');
  });
  after(async () => {
    await Promise.all([first?.down(), second?.down()]);
    await runner?.stop();
    await server?.stop();
  });

  const enroll = async (serial: string) => {
    const created = await server.post(`/programInstances/${world.instanceId}/enrollments`, { key: world.key, body: { ...SUZIE, serialNumber: serial } });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const updated = await server.patch(`/enrollments/${created.body.id}`, { key: world.key, body: { phone: '+1987654321' } });
    expect(updated.status, JSON.stringify(updated.body)).to.equal(200);
    return created.body.id as string;
  };

  it('delivers the endpoint’s other enrollments, and every enrollment to a second endpoint, while one request hangs', async function () {
    this.timeout(90_000);
    for (const receiver of [first, second]) {
      const endpoint = await server.post('/webhook-endpoints', { key: world.key, body: { url: receiver.url, eventTypes: TYPES } });
      expect(endpoint.status, JSON.stringify(endpoint.body)).to.equal(201);
    }
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    let hanging: string | undefined;
    let hangingOpen = false;
    // The first receiver hangs on the first request of the first enrollment, and keeps the connection open.
    first.answer = (request) => {
      if (hanging !== undefined || request.payload.enrollmentId === null) return { status: 204 };
      hanging = request.payload.enrollmentId;
      hangingOpen = true;
      return { status: 204, release: released.then(() => (hangingOpen = false)) };
    };
    try {
      const slow = await enroll('SN-HANG-SLOW');
      await first.until(() => hanging === slow, 30_000, 'the hanging request');
      const others = [await enroll('SN-HANG-1'), await enroll('SN-HANG-2'), await enroll('SN-HANG-3')];
      const events = (id: string) => (received: WebhookReceiver) => received.received.filter((request) => request.payload.enrollmentId === id).length;
      // Each enrollment has two events (created, updated): all of the others' reach both receivers, and all of the
      // slow one's reach the second, while the first receiver still holds the slow one's first request.
      await first.until(() => others.every((id) => events(id)(first) === 2), 45_000, 'the other enrollments at the hanging endpoint');
      await second.until(() => [slow, ...others].every((id) => events(id)(second) === 2), 45_000, 'every enrollment at the healthy endpoint');
      expect(hangingOpen, 'the hanging request is still open').to.equal(true);
      // The slow enrollment's own stream waits behind its hanging head: its second event has not been sent there.
      expect(events(slow)(first), 'the slow enrollment’s next event waits for the hanging one').to.equal(1);
      letGo();
      await first.until(() => events(slow)(first) === 2, 45_000, 'the slow enrollment’s next event once the receiver answers');
      const order = first.received.filter((request) => request.payload.enrollmentId === slow).map((request) => request.payload.type);
      expect(order).to.deep.equal(['enrollment.created', 'enrollment.updated']);
    } finally {
      letGo();
      first.answer = () => ({ status: 204 });
    }
  });
});
