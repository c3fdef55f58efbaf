import { expect } from 'chai';
import { describeOnEachStore } from '../support/stores.js';
import type { TestServer } from '../support/TestServer.js';
import { deliveringStage } from '../support/deliveringStage.js';
import { LOOPBACK_RECEIVERS, WebhookReceiver } from '../support/WebhookReceiver.js';
import type { World } from '../support/World.js';

/** Four failures allowed (three waits in milliseconds, then a long last one that makes the round's window ~30 s). */
const SETTINGS = { ...LOOPBACK_RECEIVERS, webhookRetryScheduleMs: [100, 200, 300, 30_000] };
const ASKED_LATER = 6;

describeOnEachStore('A receiver that answers 429 or 503 with Retry-After', (store) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let world: World;
  deliveringStage(store, SETTINGS, 'Leap Energy', (stage) => ({ server, receiver, world } = stage));

  it('is tried again when it asks, without spending the failure budget: more answers of "later" than failures allowed, then delivered', async function () {
    this.timeout(60_000);
    const endpoint = await server.post('/webhook-endpoints', { key: world.key, body: { url: receiver.url, eventTypes: ['enrollment.created'] } });
    expect(endpoint.status, JSON.stringify(endpoint.body)).to.equal(201);
    let asked = 0;
    receiver.answer = () => (++asked <= ASKED_LATER ? { status: asked % 2 === 0 ? 503 : 429, headers: { 'retry-after': '1' } } : { status: 204 });
    const test = await server.post(`/webhook-endpoints/${endpoint.body.id}/test`, { key: world.key });
    expect(test.status).to.equal(202);
    const messageOf = async () => (await server.get(`/webhook-endpoints/${endpoint.body.id}/messages`, { key: world.key })).body.data.find((message: { id: string }) => message.id === test.body.id);
    const deadline = Date.now() + 45_000;
    while (!['delivered', 'failed'].includes((await messageOf())?.state) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const message = await messageOf();
    expect([message.state, message.attempts, message.lastStatusCode]).to.deep.equal(['delivered', ASKED_LATER + 1, 204]);
    const attempts = (await server.get(`/webhook-endpoints/${endpoint.body.id}/messages/${test.body.id}/attempts`, { key: world.key })).body.data as { statusCode: number; outcome: string; startedAt: string; nextAttemptAt?: string }[];
    expect(attempts.map((attempt) => [attempt.statusCode, attempt.outcome])).to.deep.equal([[429, 'failed'], [503, 'failed'], [429, 'failed'], [503, 'failed'], [429, 'failed'], [503, 'failed'], [204, 'succeeded']]);
    // Each postponed attempt was due when the receiver asked (one second later), not earlier.
    for (const attempt of attempts.slice(0, -1)) expect(Date.parse(attempt.nextAttemptAt!) - Date.parse(attempt.startedAt)).to.be.at.least(1_000);
  });
});
