import { expect } from 'chai';
import { COMMUNITY_POWERSHARE, SUZIE } from '../support/fixtures.js';
import { describeOnEachStore } from '../support/stores.js';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { LOOPBACK_RECEIVERS, WebhookReceiver } from '../support/WebhookReceiver.js';

interface Listed {
  id: string;
  type: string;
  enrollmentId: string | null;
  seq: number | null;
  occurredAt: string;
  data: Record<string, unknown>;
}

/**
 * Issue 18: the workspace-level events — an endpoint disabled, a test event — are in `GET /events` beside the
 * enrollments' events, in recording order, with `enrollmentId` and `seq` null, and can be filtered for.
 */
describeOnEachStore('Workspace-level events in GET /events', (store) => {
  let server: TestServer;
  let gone: WebhookReceiver;
  let watcher: WebhookReceiver;
  before(async function () {
    this.timeout(60_000);
    server = await TestServer.start(store, { systemClock: true, jobs: true, coreSettings: LOOPBACK_RECEIVERS, rateLimitPerMinute: 100_000 });
    gone = await WebhookReceiver.start();
    gone.answer = () => ({ status: 410 });
    watcher = await WebhookReceiver.start();
  });
  after(async () => {
    await gone?.down();
    await watcher?.down();
    await server?.stop();
  });

  const walk = async (key: string, query: string, limit: number) => {
    const seen: Listed[] = [];
    for (let after: string | undefined, more = true; more; ) {
      const page = await server.get(`/events?${query}limit=${limit}${after === undefined ? '' : `&after=${after}`}`, { key });
      expect(page.status, JSON.stringify(page.body)).to.equal(200);
      seen.push(...(page.body.data as Listed[]));
      ({ nextCursor: after, hasMore: more } = page.body);
    }
    return seen;
  };

  it('lists a test event and an endpoint’s disabling, by type and among the enrollments’ events, in order', async function () {
    this.timeout(30_000);
    const { key } = await server.workspace('Leap Energy');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025' } });
    const before = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: { ...SUZIE, serialNumber: 'SN-WORKSPACE-1' } });
    // An instance filter does not apply to workspace-level events: this endpoint hears of the disabling all the same.
    const watching = await server.post('/webhook-endpoints', { key, body: { url: watcher.url, eventTypes: ['webhook_endpoint.disabled'], programInstanceId: instance.body.id } });
    const failing = await server.post('/webhook-endpoints', { key, body: { url: gone.url, eventTypes: ['enrollment.created'] } });
    expect([watching.status, failing.status]).to.deep.equal([201, 201]);
    const test = await server.post(`/webhook-endpoints/${failing.body.id}/test`, { key });
    expect(test.status).to.equal(202);
    await watcher.until(() => watcher.received.length >= 1, 15_000, 'the webhook_endpoint.disabled delivery');
    const after = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: { ...SUZIE, serialNumber: 'SN-WORKSPACE-2' } });

    const own = await server.get('/events?type=webhook.test,webhook_endpoint.disabled', { key });
    expect(own.status, JSON.stringify(own.body)).to.equal(200);
    const [tested, disabled] = own.body.data as Listed[];
    expect(own.body.data).to.have.length(2);
    expect(tested).to.deep.include({ id: test.body.eventId, type: 'webhook.test', enrollmentId: null, seq: null, data: test.body.payload.data });
    const delivered = watcher.received[0]!.payload;
    expect(disabled).to.deep.include({ id: delivered.id, type: 'webhook_endpoint.disabled', enrollmentId: null, seq: null, occurredAt: (delivered as unknown as { timestamp: string }).timestamp, data: delivered.data });
    expect(disabled!.data).to.deep.include({ endpointId: failing.body.id, reason: 'gone' });
    expect((await server.get('/events?type=webhook.test', { key })).body.data.map((event: Listed) => event.id)).to.deep.equal([tested!.id]);

    // The whole list: the page form and the cursor form, one event at a time, agree, and keep recording order.
    const page = await server.get('/events?perPage=100', { key });
    const listed = page.body.data as Listed[];
    expect(page.body.totalItems).to.equal(listed.length);
    const order = listed.map((event) => event.enrollmentId ?? event.type);
    expect(order.indexOf(before.body.id)).to.be.below(order.indexOf('webhook.test'));
    expect(order.indexOf('webhook.test')).to.be.below(order.indexOf('webhook_endpoint.disabled'));
    expect(order.indexOf('webhook_endpoint.disabled')).to.be.below(order.indexOf(after.body.id));
    expect((await walk(key, '', 1)).map((event) => event.id), 'the cursor form walks the same list').to.deep.equal(listed.map((event) => event.id));
    expect((await walk(key, 'type=enrollment.created,webhook.test&', 2)).map((event) => event.type)).to.deep.equal(['enrollment.created', 'webhook.test', 'enrollment.created']);

    const ofOne = await server.get(`/events?enrollmentId=${before.body.id}`, { key });
    expect(ofOne.body.data.every((event: Listed) => event.enrollmentId === before.body.id), 'one enrollment’s events only').to.equal(true);
    const other = await server.workspace('Other Energy');
    expect((await server.get('/events?type=webhook.test,webhook_endpoint.disabled', { key: other.key })).body.data, 'another workspace sees none').to.deep.equal([]);
  });
});
