import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { compileSchema, describeIssues, webhookPayloadSchema } from '@flexroll/core';
import { verifyWebhook } from '@flexroll/sdk';
import { SUZIE } from '../support/fixtures.js';
import { describeOnEachStore } from '../support/stores.js';
import type { TestServer } from '../support/TestServer.js';
import { deliveringStage } from '../support/deliveringStage.js';
import { pollUntil } from '../support/pollUntil.js';
import { LOOPBACK_RECEIVERS, WebhookReceiver, type ReceivedRequest } from '../support/WebhookReceiver.js';
import type { World } from '../support/World.js';


const checks = new Map<string, ReturnType<typeof compileSchema>>();
/** The published schema of an event type, compiled once (the one validator keeps schemas by their $id). */
const payloadCheck = (type: string) => checks.get(type) ?? checks.set(type, compileSchema(webhookPayloadSchema(type))).get(type)!;

const headersOf = (request: ReceivedRequest) => Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));

describeOnEachStore('Webhooks through the API, to a real receiver', (store) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let world: World;
  deliveringStage(store, LOOPBACK_RECEIVERS, 'Leap Energy', (stage) => ({ server, receiver, world } = stage));
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  const endpoint = async (body: Record<string, unknown> = {}) => {
    const created = await server.post('/webhook-endpoints', { key: world.key, body: { url: receiver.url, eventTypes: ['enrollment.created', 'enrollment.updated', 'enrollment.status_changed', 'participation.state_changed'], ...body } });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    return created.body as { id: string; secret: string };
  };

  it('delivers events the official standardwebhooks library verifies; a one-byte change or a stale timestamp fails', async function () {
    this.timeout(30_000);
    const { id, secret } = await endpoint();
    expect((await server.get(`/webhook-endpoints/${id}`, { key: world.key })).body).to.not.have.property('secret');
    const enrolled = await server.post(`/programInstances/${world.instanceId}/enrollments`, { key: world.key, body: { ...SUZIE, serialNumber: 'SN-WEBHOOK-1' } });
    await server.patch(`/enrollments/${enrolled.body.id}`, { key: world.key, body: { status: 'ineligible', reason: 'Outside service area' } });
    const events = (await server.get(`/events?enrollmentId=${enrolled.body.id}`, { key: world.key })).body.data as { id: string; seq: number }[];
    const mine = () => receiver.received.filter((request) => request.payload.enrollmentId === enrolled.body.id);
    await receiver.until(() => mine().length >= events.length);

    expect(mine().map((request) => request.payload.seq)).to.deep.equal(events.map((event) => event.seq));
    expect(mine().map((request) => request.payload.id)).to.deep.equal(events.map((event) => event.id));
    const official = new Webhook(secret);
    for (const request of mine()) {
      expect(official.verify(request.body, headersOf(request))).to.deep.equal(request.payload);
      expect(verifyWebhook(request.body, request.headers, secret)).to.deep.equal(request.payload);
      const issues = payloadCheck(request.payload.type)(request.payload);
      expect(issues, `${request.payload.type} fits its published schema: ${describeIssues(issues)}`).to.deep.equal([]);
      const changed = request.body.replace(/}$/, ' }');
      expect(() => official.verify(changed, headersOf(request)), 'a one-byte change').to.throw(/No matching signature/);
    }
    const realNow = Date.now;
    Date.now = () => realNow() + 6 * 60_000;
    try {
      expect(() => official.verify(mine()[0]!.body, headersOf(mine()[0]!)), 'received six minutes late').to.throw(/too old/);
    } finally {
      Date.now = realNow;
    }
    expect(() => verifyWebhook(mine()[0]!.body, mine()[0]!.headers, secret, { now: new Date(Date.now() + 6 * 60_000) })).to.throw(/too far from now/);
  });

  it('keeps a delivery log with status codes, latency, next attempts and the start of the answer, and replays', async function () {
    this.timeout(30_000);
    const { id } = await endpoint({ eventTypes: ['enrollment.created'] });
    let failing = true;
    receiver.answer = () => (failing ? { status: 500, body: 'y'.repeat(3_000) } : { status: 204 });
    try {
      const test = await server.post(`/webhook-endpoints/${id}/test`, { key: world.key });
      expect(test.status).to.equal(202);
      const attemptsOf = async () => (await server.get(`/webhook-endpoints/${id}/messages/${test.body.id}/attempts`, { key: world.key })).body.data as Record<string, unknown>[];
      await receiver.until(() => receiver.received.filter((request) => request.payload.id === test.body.eventId).length >= 4, 15_000, 'four attempts');
      // The worker records the fourth answer, and fails the message, after the receiver has it: read until it has.
      const failed = await pollUntil('the message failed after its fourth attempt', () => server.get(`/webhook-endpoints/${id}/messages?state=failed`, { key: world.key }), (answer) => answer.body.data.length > 0);
      const attempts = await attemptsOf();
      expect(attempts.slice(0, 3).map((attempt) => [attempt.attempt, attempt.statusCode, attempt.outcome, (attempt.responseBody as string).length, typeof attempt.latencyMs, typeof attempt.nextAttemptAt]))
        .to.deep.equal([[1, 500, 'failed', 1024, 'number', 'string'], [2, 500, 'failed', 1024, 'number', 'string'], [3, 500, 'failed', 1024, 'number', 'string']]);
      expect(failed.body.data.map((message: { id: string }) => message.id)).to.deep.equal([test.body.id]);

      failing = false;
      const replayed = await server.post(`/webhook-endpoints/${id}/replay-failed`, { key: world.key, body: { since: '2020-01-01T00:00:00Z' } });
      expect([replayed.status, replayed.body]).to.deep.equal([202, { replayed: 1 }]);
      await receiver.until(() => receiver.received.filter((request) => request.payload.id === test.body.eventId).length >= 5);
      // Likewise the 204 is recorded after the receiver has sent it: read until the message is no longer pending.
      const listed = await pollUntil('the replayed message settled', () => server.get(`/webhook-endpoints/${id}/messages`, { key: world.key }), (answer) => answer.body.data[0]?.state !== 'pending');
      const message = listed.body.data[0];
      expect([message.state, message.attempts, message.series, message.totalAttempts, message.lastStatusCode]).to.deep.equal(['delivered', 1, 2, 5, 204]);
      const again = await server.post(`/webhook-endpoints/${id}/messages/${test.body.id}/replay`, { key: world.key });
      expect([again.status, again.body.state]).to.deep.equal([202, 'pending']);
      await receiver.until(() => receiver.received.filter((request) => request.payload.id === test.body.eventId).length >= 6);
    } finally {
      receiver.answer = () => ({ status: 204 });
    }
  });

  it('rotates a secret with both signing through the overlap; disables, enables and deletes an endpoint', async function () {
    this.timeout(30_000);
    const { id, secret: first } = await endpoint({ eventTypes: ['enrollment.created'] });
    const rotated = await server.post(`/webhook-endpoints/${id}/rotate-secret`, { key: world.key });
    expect(rotated.status).to.equal(200);
    expect(rotated.body.secret).to.match(/^whsec_/).and.not.equal(first);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).to.be.within(23.9 * 3600_000, 24 * 3600_000);
    const test = await server.post(`/webhook-endpoints/${id}/test`, { key: world.key });
    await receiver.until(() => receiver.received.some((request) => request.payload.id === test.body.eventId));
    const delivery = receiver.received.find((request) => request.payload.id === test.body.eventId)!;
    expect(new Webhook(first).verify(delivery.body, headersOf(delivery))).to.deep.equal(delivery.payload);
    expect(new Webhook(rotated.body.secret).verify(delivery.body, headersOf(delivery))).to.deep.equal(delivery.payload);

    const disabled = await server.patch(`/webhook-endpoints/${id}`, { key: world.key, body: { disabled: true } });
    expect(disabled.body).to.deep.include({ status: 'disabled', disabledReason: 'manual' });
    const held = await server.post(`/webhook-endpoints/${id}/test`, { key: world.key });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.some((request) => request.payload.id === held.body.eventId), 'nothing goes to a disabled endpoint').to.equal(false);
    const enabled = await server.patch(`/webhook-endpoints/${id}`, { key: world.key, body: { disabled: false } });
    expect(enabled.body.status).to.equal('enabled');
    expect(enabled.body).to.not.have.property('disabledReason');
    await receiver.until(() => receiver.received.some((request) => request.payload.id === held.body.eventId), 15_000, 'the held message after enabling');
    expect((await server.delete(`/webhook-endpoints/${id}`, { key: world.key })).status).to.equal(204);
    expect((await server.get(`/webhook-endpoints/${id}`, { key: world.key })).status).to.equal(404);
  });

  it('disables an endpoint that answers 410 Gone', async function () {
    this.timeout(30_000);
    const { id } = await endpoint({ eventTypes: ['enrollment.created'] });
    receiver.answer = () => ({ status: 410 });
    try {
      const test = await server.post(`/webhook-endpoints/${id}/test`, { key: world.key });
      await receiver.until(() => receiver.received.some((request) => request.payload.id === test.body.eventId));
      // The 410 disables the endpoint once the worker has read it, after the receiver answered: read until it has.
      const gone = await pollUntil('the endpoint disabled after its 410', () => server.get(`/webhook-endpoints/${id}`, { key: world.key }), (answer) => answer.body.status !== 'enabled');
      expect(gone.body).to.deep.include({ status: 'disabled', disabledReason: 'gone' });
    } finally {
      receiver.answer = () => ({ status: 204 });
    }
  });
});
